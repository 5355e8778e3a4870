/**
 * The query API's database side: the start-up migrations (projection schemas, the BI
 * role and schema, indexes, views), then the pool every query reads through as the BI
 * role, the reader over it, and the readiness checks: the database answers, and every
 * documented view is there (a projection rebuild without the BI hook would drop some).
 */
import type { Provider } from '@nestjs/common';
import { BI_VIEWS, BiReader, createBiReadPool, migrateBi } from '@ledger/bi';
import { PostgresConnectionWatch } from '@ledger/database';
import { createLogger, READINESS_CHECKS, type ReadinessCheck } from '@ledger/platform';
import { Pool } from 'pg';
import { QueryApiConfig } from './query-api.config';

export const BI_READ_POOL = Symbol('BI_READ_POOL');

export const biReadProviders: Provider[] = [
  {
    provide: BI_READ_POOL,
    inject: [QueryApiConfig],
    useFactory: async (config: QueryApiConfig): Promise<Pool> => {
      await migrateBi(config.databaseUrl);
      const pool = createBiReadPool({
        databaseUrl: config.databaseUrl,
        max: config.databasePoolSize,
        statementTimeoutMs: config.statementTimeoutMs,
        applicationName: 'alignment-query-api',
      });
      new PostgresConnectionWatch(createLogger('query-api'), 'bi-read').watch(pool);
      return pool;
    },
  },
  { provide: BiReader, inject: [BI_READ_POOL], useFactory: (pool: Pool) => new BiReader(pool) },
  {
    provide: READINESS_CHECKS,
    inject: [BI_READ_POOL],
    useFactory: (pool: Pool): ReadinessCheck[] => [
      { name: 'postgres', check: async () => void (await pool.query('SELECT 1')) },
      { name: 'bi-views', check: () => allViewsPresent(pool) },
    ],
  },
];

async function allViewsPresent(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.views WHERE table_schema = 'bi'`);
  const present = new Set(rows.map((row) => row.name));
  const missing = BI_VIEWS.filter((view) => !present.has(view.name)).map((view) => view.name);
  if (missing.length > 0) throw new Error(`BI views missing (restart the query API to recreate them): ${missing.join(', ')}.`);
}
