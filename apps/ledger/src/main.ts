/**
 * Starts the ledger service. Configuration errors and unreachable dependencies stop
 * it with one clear line; SIGTERM drains in-flight work before exiting.
 */
import 'reflect-metadata';
import { loadAuthSettings } from '@ledger/auth';
import { boundHeapGrowth } from '@ledger/platform';
import { createLedgerApp } from './ledger.app';
import { loadLedgerConfig } from './ledger.config';

boundHeapGrowth();

async function bootstrap(): Promise<void> {
  const config = loadLedgerConfig();
  const app = await createLedgerApp(config, loadAuthSettings());
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`ledger failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
