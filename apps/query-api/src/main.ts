/**
 * Starts the query API. Configuration errors and an unreachable database stop it with
 * one clear line; SIGTERM lets requests in flight finish and closes the pool.
 */
import 'reflect-metadata';
import { loadAuthSettings } from '@ledger/auth';
import { boundHeapGrowth } from '@ledger/platform';
import { createQueryApiApp } from './query-api.app';
import { loadQueryApiConfig } from './query-api.config';

boundHeapGrowth();

async function bootstrap(): Promise<void> {
  const config = loadQueryApiConfig();
  const app = await createQueryApiApp(config, loadAuthSettings());
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`query-api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
