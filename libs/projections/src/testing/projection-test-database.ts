/**
 * Integration-test plumbing: a fresh database with projections migrated into it, a
 * pooled query function, and a way to feed a ledger history through a projection and
 * the applier in batches of a chosen size.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { createTestDatabase, createTestPool } from '@ledger/testing';
import type { Pool } from 'pg';
import { runProjectionMigrations, type Projection } from '../projection';
import { RowChangeApplier, type QueryFunction } from '../row-changes/row-change-applier';

export interface ProjectionTestDatabase {
  readonly url: string;
  readonly pool: Pool;
  /** Runs one statement on a pooled connection (autocommit). */
  readonly query: QueryFunction;
  close(): Promise<void>;
}

export async function openProjectionTestDatabase(projections: readonly Projection[]): Promise<ProjectionTestDatabase> {
  const database = await createTestDatabase('al_test_projections');
  for (const projection of projections) await runProjectionMigrations(database.url, projection);
  const pool = createTestPool(database.url, 4);
  return {
    url: database.url,
    pool,
    query: (sql, params) => pool.query(sql, params),
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}

/** Projects the events and applies their row changes, each batch in its own transaction. */
export async function feedHistory(
  pool: Pool,
  projection: Projection,
  events: readonly EventEnvelope[],
  batchSizes: (batchIndex: number) => number = () => 500,
): Promise<void> {
  const applier = new RowChangeApplier(projection.schema);
  const client = await pool.connect();
  try {
    const query: QueryFunction = (sql, params) => client.query(sql, params);
    for (let start = 0, batch = 0; start < events.length; batch += 1) {
      const end = start + Math.max(1, batchSizes(batch));
      await applier.applyInTransaction(query, events.slice(start, end).flatMap(projection.project));
      start = end;
    }
  } finally {
    client.release();
  }
}
