/**
 * A projection as the runtime sees it: the schema it lives in, the migrations that
 * create its tables and views there, its tables and views, and its pure `project`.
 * Built per schema, so a rebuild can create the same projection in a new schema beside
 * the live one and switch readers over once it has caught up.
 */
import { DataSource } from 'typeorm';
import { composeProjector, type Projector } from './facts/compose-projector';
import type { FactFamily } from './facts/fact-family';
import { quoteIdentifier } from './sql/identifiers';
import { sqlMigration, type MigrationClass } from './sql/migration';
import { dropPeriodFunctionStatements, periodFunctionDefinitions } from './sql/period-functions';
import { createViewStatements, dropViewStatements, type ViewDefinition } from './sql/view-definition';

export interface Projection {
  readonly schema: string;
  /** TypeORM's table of applied migrations, one per projection schema. */
  readonly migrationsTableName: string;
  readonly migrations: readonly MigrationClass[];
  readonly tables: readonly string[];
  readonly views: readonly string[];
  readonly project: Projector;
}

export interface ProjectionSpec {
  /** Capitalised, for migration names: `Ownership` gives `CreateOwnershipTables<timestamp>`. */
  readonly label: string;
  readonly facts: readonly FactFamily[];
  readonly views: readonly ViewDefinition[];
  /** Timestamps of the table and the view migrations, fixed once released. */
  readonly migrationTimestamps: { readonly tables: number; readonly views: number };
}

export function migrationsTableName(schema: string): string {
  return `${schema}_migrations`;
}

export function defineProjection(spec: ProjectionSpec, schema: string): Projection {
  quoteIdentifier(schema);
  return {
    schema,
    migrationsTableName: migrationsTableName(schema),
    migrations: [
      sqlMigration(
        `Create${spec.label}Tables${spec.migrationTimestamps.tables}`,
        [`CREATE SCHEMA ${quoteIdentifier(schema)}`, ...spec.facts.flatMap((family) => family.tableDefinitions(schema))],
        [`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`],
      ),
      sqlMigration(
        `Create${spec.label}Views${spec.migrationTimestamps.views}`,
        [...periodFunctionDefinitions(schema), ...createViewStatements(schema, spec.views)],
        [...dropViewStatements(schema, spec.views), ...dropPeriodFunctionStatements(schema)],
      ),
    ],
    tables: spec.facts.flatMap((family) => family.tables),
    views: spec.views.map((view) => view.name),
    project: composeProjector(spec.facts),
  };
}

/** Brings the projection's schema up to date; each migration runs in its own transaction. */
export async function runProjectionMigrations(databaseUrl: string, projection: Projection): Promise<void> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations: [...projection.migrations],
    migrationsTableName: projection.migrationsTableName,
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
