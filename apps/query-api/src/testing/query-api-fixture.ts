/**
 * The query API in process for integration tests, as it runs: migrated at start-up on a
 * fresh database holding the realistic quarter (plus whatever facts a test adds), with
 * an analyst's API key and a publisher's (who may not read views).
 */
import type { INestApplication } from '@nestjs/common';
import type { EventEnvelope } from '@ledger/contracts';
import { loadAuthSettings } from '@ledger/auth';
import request from 'supertest';
import { provisionTestAccounts } from '../../../../libs/auth/src/testing/test-accounts';
import { openBiTestDatabase, type BiTestDatabase } from '../../../../libs/bi/src/testing/bi-test-database';
import { createQueryApiApp } from '../query-api.app';
import { loadQueryApiConfig } from '../query-api.config';

export interface QueryApiFixture {
  readonly database: BiTestDatabase;
  readonly app: INestApplication;
  readonly keys: { analyst: string; publisher: string };
  /** A GET as the analyst. */
  get(path: string): request.Test;
  close(): Promise<void>;
}

export async function openQueryApi(history?: readonly EventEnvelope[]): Promise<QueryApiFixture> {
  const database = await openBiTestDatabase(history);
  try {
    const keys = await provisionTestAccounts(database.url, { analyst: { roles: ['analyst'] }, publisher: { roles: ['publisher'] } });
    const config = loadQueryApiConfig({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4' });
    const app = await createQueryApiApp(config, loadAuthSettings({ RATE_LIMIT_PER_SECOND: '10000', RATE_LIMIT_BURST: '10000' }));
    await app.init();
    return {
      database,
      app,
      keys,
      get: (path) => request(app.getHttpServer()).get(path).set('Authorization', `Bearer ${keys.analyst}`),
      close: async () => {
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
