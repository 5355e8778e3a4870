/**
 * The moment a rebuilt projection replaces the live one, inside the rebuild's final
 * transaction (which holds the projection's switch lock exclusively):
 *
 * 1. retired schemas of earlier rebuilds are dropped (each is kept until the next
 *    rebuild, so an operator can compare old and new);
 * 2. the live schema's Kafka offsets are copied into the rebuilt one, so lag reports
 *    carry on (the rebuilt schema's stream positions are its own, and ahead);
 * 3. `<live>` becomes `<live>_retired_<stamp>` and the rebuilt schema becomes `<live>`;
 * 4. the rebuilt schema's migration record replaces the live one's, so the next start
 *    finds the schema as up to date as the code that built it;
 * 5. the `afterSwitch` hooks run, then the retired schema is dropped if asked.
 *
 * Readers name tables by schema in each statement, and node-postgres and TypeORM send
 * unnamed statements, so the next statement of any reader reads the new schema.
 * PostgreSQL views, however, hold their tables by identity, not by name: a view in
 * another schema over the projection's tables (a BI view, say) would keep reading the
 * retired schema. Whoever creates such a view registers an `afterSwitch` hook that
 * recreates it over the new schema, in this same transaction, so no reader ever sees
 * it half switched.
 */
import type { QueryFunction } from '../row-changes/row-change-applier';
import { quoteIdentifier } from '../sql/identifiers';
import { copyPartitionProgress } from './checkpoints';

export interface SwitchContext {
  /** The schema readers use, now holding the rebuilt projection. */
  readonly liveSchema: string;
  /** The schema that was live until now; null when there was none. */
  readonly retiredSchema: string | null;
}

/** Runs inside the switch transaction, after the rename: recreate what depends on the live schema. */
export type AfterSwitchHook = (query: QueryFunction, context: SwitchContext) => Promise<void>;

export interface SchemaSwitch {
  readonly liveSchema: string;
  readonly rebuiltSchema: string;
  readonly retiredSchema: string;
  readonly liveMigrationsTable: string;
  readonly rebuiltMigrationsTable: string;
  readonly afterSwitch: readonly AfterSwitchHook[];
  readonly dropRetired: boolean;
}

/** Returns the retired schema's name, or null when it was dropped or there was no live schema. */
export async function switchSchemas(query: QueryFunction, plan: SchemaSwitch): Promise<string | null> {
  await dropSchemas(query, await retiredSchemasOf(query, plan.liveSchema));
  const liveExists = await schemaExists(query, plan.liveSchema);
  if (liveExists) {
    await copyPartitionProgress(query, plan.liveSchema, plan.rebuiltSchema);
    await query(`ALTER SCHEMA ${quoteIdentifier(plan.liveSchema)} RENAME TO ${quoteIdentifier(plan.retiredSchema)}`, []);
  }
  await query(`ALTER SCHEMA ${quoteIdentifier(plan.rebuiltSchema)} RENAME TO ${quoteIdentifier(plan.liveSchema)}`, []);
  await adoptMigrationRecord(query, plan);
  const context: SwitchContext = { liveSchema: plan.liveSchema, retiredSchema: liveExists ? plan.retiredSchema : null };
  for (const hook of plan.afterSwitch) await hook(query, context);
  if (!liveExists) return null;
  if (plan.dropRetired) {
    await dropSchemas(query, [plan.retiredSchema]);
    return null;
  }
  return plan.retiredSchema;
}

/** Schemas named `<prefix><digits>`: what a rebuild leaves behind (`<live>_rebuild_`, `<live>_retired_`). */
export async function schemasNamed(query: QueryFunction, prefix: string): Promise<string[]> {
  const { rows } = await query(`SELECT nspname FROM pg_namespace WHERE nspname ~ ('^' || $1 || '[0-9]+$') ORDER BY nspname`, [prefix]);
  return (rows as { nspname: string }[]).map((row) => row.nspname);
}

export function retiredSchemasOf(query: QueryFunction, liveSchema: string): Promise<string[]> {
  return schemasNamed(query, retiredPrefix(liveSchema));
}

export function retiredPrefix(liveSchema: string): string {
  return `${liveSchema}_retired_`;
}

export async function dropSchemas(query: QueryFunction, schemas: readonly string[]): Promise<void> {
  for (const schema of schemas) await query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`, []);
}

async function schemaExists(query: QueryFunction, schema: string): Promise<boolean> {
  const { rows } = await query('SELECT to_regnamespace($1) IS NOT NULL AS present', [quoteIdentifier(schema)]);
  return (rows as { present: boolean }[])[0].present;
}

/** TypeORM keeps each schema's migration record in a table of its own (in `public`), named after the schema. */
async function adoptMigrationRecord(query: QueryFunction, plan: SchemaSwitch): Promise<void> {
  await query(`DROP TABLE IF EXISTS ${quoteIdentifier(plan.liveMigrationsTable)}`, []);
  await query(`ALTER TABLE ${quoteIdentifier(plan.rebuiltMigrationsTable)} RENAME TO ${quoteIdentifier(plan.liveMigrationsTable)}`, []);
}
