/**
 * Integration-test plumbing: a fresh database with the projections and the BI schema
 * migrated exactly as the query API does it at start-up, filled with a ledger history
 * (by default the realistic first quarter of 2025 of three partnerships) through both
 * projections. Kept out of the library's public index.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { OWNERSHIP_PROJECTION, REPORTING_PROJECTION } from '@ledger/projections';
import { createTestDatabase, createTestPool } from '@ledger/testing';
import type { Pool } from 'pg';
import { alignmentQuarterHistory } from '../../../projections/src/testing';
import { feedHistory } from '../../../projections/src/testing/projection-test-database';
import { migrateBi } from '../install/bi-migrations';

export interface BiTestDatabase {
  readonly url: string;
  /** Connections as the database owner (the test's superuser). */
  readonly pool: Pool;
  /** Projects more events into both projections. */
  feed(events: readonly EventEnvelope[]): Promise<void>;
  close(): Promise<void>;
}

export async function openBiTestDatabase(history: readonly EventEnvelope[] = alignmentQuarterHistory()): Promise<BiTestDatabase> {
  const database = await createTestDatabase('al_test_bi');
  try {
    await migrateBi(database.url);
  } catch (error) {
    await database.drop();
    throw error;
  }
  const pool = createTestPool(database.url, 4);
  const feed = async (events: readonly EventEnvelope[]) => {
    for (const projection of [OWNERSHIP_PROJECTION, REPORTING_PROJECTION]) await feedHistory(pool, projection, events);
  };
  await feed(history);
  return {
    url: database.url,
    pool,
    feed,
    close: async () => {
      await pool.end();
      await database.drop();
    },
  };
}
