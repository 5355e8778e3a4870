/** Starts the outbox relay service (health and lag over HTTP, publishing in the background). */
import 'reflect-metadata';
import { loadAuthSettings } from '@ledger/auth';
import { boundHeapGrowth } from '@ledger/platform';
import { createRelayApp } from './relay.app';
import { loadRelayConfig } from './relay.config';

boundHeapGrowth();

async function bootstrap(): Promise<void> {
  const config = loadRelayConfig();
  const app = await createRelayApp(config, loadAuthSettings());
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`outbox-relay failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
