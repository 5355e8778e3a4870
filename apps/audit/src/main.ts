/**
 * Starts the audit service. Configuration errors and an unreachable database stop it
 * with one clear line; SIGTERM lets a seal or job in progress finish before exiting.
 */
import 'reflect-metadata';
import { loadAuthSettings } from '@ledger/auth';
import { boundHeapGrowth } from '@ledger/platform';
import { createAuditApp } from './audit.app';
import { loadAuditConfig } from './audit.config';

boundHeapGrowth();

async function bootstrap(): Promise<void> {
  const config = loadAuditConfig();
  const app = await createAuditApp(config, loadAuthSettings());
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`audit failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
