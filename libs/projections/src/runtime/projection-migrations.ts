/**
 * Brings a projection schema up to date at start-up: the projection's own migrations
 * (tables, views) plus the runtime's checkpoint tables, recorded in the projection's
 * migrations table. Instances that start together take turns under an advisory lock
 * (one per schema), so the second finds nothing to do.
 */
import { runMigrationsUnderLock } from '@ledger/database';
import type { Projection } from '../projection';
import type { MigrationClass } from '../sql/migration';
import { checkpointMigration } from './checkpoints';

const MIGRATION_LOCK_CLASS = 'alignment-ledger:projection-migrations';

/** Everything a projector's schema needs, in the order TypeORM runs it. */
export function projectorMigrations(projection: Projection): MigrationClass[] {
  return [...projection.migrations, checkpointMigration(projection.schema)];
}

export function migrateProjection(databaseUrl: string, projection: Projection): Promise<void> {
  return runMigrationsUnderLock(
    {
      url: databaseUrl,
      migrations: projectorMigrations(projection),
      migrationsTableName: projection.migrationsTableName,
      applicationName: `alignment-${projection.schema}-migrations`,
    },
    [MIGRATION_LOCK_CLASS, projection.schema],
  );
}
