/**
 * Indexes on the projection tables that serve the BI views' documented filters and
 * key order. They belong to the projections' tables but exist for BI, so this library
 * ensures them: at start-up (CONCURRENTLY, so a live projector is not blocked while
 * one is built) and after a projection rebuild switches schemas (inside the switch,
 * on tables nobody reads yet). Named explicitly, so "already there" is a name lookup.
 *
 * Ideally the projection library would declare them with its tables, so a rebuild
 * builds them while it loads rather than in its switch; see the README.
 */
import { REPORTING_SCHEMA, type QueryFunction } from '@ledger/projections';
import { escapeIdentifier } from 'pg';

export interface SourceIndex {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
  readonly columns: readonly string[];
  /** Which filters or orders of which view it serves. */
  readonly serves: string;
}

export const BI_SOURCE_INDEXES: readonly SourceIndex[] = [
  {
    schema: REPORTING_SCHEMA,
    table: 'readings',
    name: 'bi_readings_in_force',
    columns: ['partnership_id', 'metric_id', 'period', 'reported_position'],
    serves: 'fact_metric_reading_v1: finding the reading in force per period, filters by partnership and metric, key order',
  },
  {
    schema: REPORTING_SCHEMA,
    table: 'sla_observations',
    name: 'bi_sla_observations_time',
    columns: ['observed_at'],
    serves:
      'fact_sla_observation_v1: filters and sorts by observed_at across partnerships (within one partnership, the ' +
      "projection's own index on (partnership_id, sla_id, observed_at) serves)",
  },
];

export interface EnsureIndexOptions {
  /** CONCURRENTLY does not block writers, but cannot run inside a transaction. */
  readonly concurrently: boolean;
}

/** Creates the missing indexes on the tables of the given schemas. */
export async function ensureSourceIndexes(
  query: QueryFunction,
  schemas: readonly string[],
  { concurrently }: EnsureIndexOptions,
): Promise<void> {
  for (const index of BI_SOURCE_INDEXES.filter((candidate) => schemas.includes(candidate.schema))) {
    if (await indexExists(query, index)) continue;
    const table = `${escapeIdentifier(index.schema)}.${escapeIdentifier(index.table)}`;
    const columns = index.columns.map(escapeIdentifier).join(', ');
    await query(
      `CREATE INDEX ${concurrently ? 'CONCURRENTLY ' : ''}IF NOT EXISTS ${escapeIdentifier(index.name)} ON ${table} (${columns})`,
      [],
    );
  }
}

/** A valid index of that name in that schema; one left invalid by an interrupted CONCURRENTLY build is dropped. */
async function indexExists(query: QueryFunction, index: SourceIndex): Promise<boolean> {
  const { rows } = await query(
    `SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2`,
    [index.schema, index.name],
  );
  const [found] = rows as { valid: boolean }[];
  if (found && !found.valid) {
    await query(`DROP INDEX IF EXISTS ${escapeIdentifier(index.schema)}.${escapeIdentifier(index.name)}`, []);
    return false;
  }
  return found !== undefined;
}
