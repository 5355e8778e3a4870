/**
 * Puts the BI views over the live projection schemas: every view created or replaced,
 * with its comments and the BI role's SELECT, inside the caller's transaction, so a
 * reader sees either the old views or the new ones. Idempotent, and run at every
 * start of the query API and after every projection rebuild (`biAfterSwitchHook`):
 * views are derived objects that must follow the projection schemas wherever a
 * rebuild puts them, so they are reconciled rather than migrated once.
 */
import type { AfterSwitchHook, QueryFunction } from '@ledger/projections';
import { escapeLiteral } from 'pg';
import { BI_SCHEMA, viewStatements } from '../catalogue/bi-view';
import { BI_VIEWS } from '../catalogue/catalogue';
import { BI_SOURCE_SCHEMAS } from '../catalogue/sources';
import { VIEW_PRIVILEGES } from './bi-role';
import { ensureSourceIndexes } from './source-indexes';

/** Serialises installations: the query API at start-up and a projector switching schemas. */
const INSTALL_LOCK = 'alignment-ledger:bi-views';

/** Must run inside a transaction (it takes a transaction-level lock). */
export async function installBiViews(query: QueryFunction): Promise<void> {
  await query('SELECT pg_advisory_xact_lock(hashtext($1))', [INSTALL_LOCK]);
  for (const view of BI_VIEWS) {
    for (const statement of viewStatements(view)) await query(statement, []);
  }
  for (const statement of VIEW_PRIVILEGES) await query(statement, []);
}

/**
 * Register with both projectors' runtime (`afterSwitch`): inside the switch
 * transaction, after the rebuilt schema took the live name, it builds the BI indexes
 * on the new tables and points the views at them. Before the query API first ran
 * there is no `bi` schema and nothing to do.
 */
export const biAfterSwitchHook: AfterSwitchHook = async (query, { liveSchema }) => {
  if (!(BI_SOURCE_SCHEMAS as readonly string[]).includes(liveSchema)) return;
  if (!(await biSchemaExists(query))) return;
  await ensureSourceIndexes(query, [liveSchema], { concurrently: false });
  await installBiViews(query);
};

async function biSchemaExists(query: QueryFunction): Promise<boolean> {
  const { rows } = await query(`SELECT to_regnamespace(${escapeLiteral(BI_SCHEMA)}) IS NOT NULL AS present`, []);
  return (rows as { present: boolean }[])[0].present;
}
