/**
 * Starts the outbox relay service (health and lag over HTTP, publishing in the background).
 *
 * Unlike the other services, the relay leaves V8 its own heap growth (no `boundHeapGrowth`):
 * it is what bounds the published rate, and at twice its live heap it spent 10% more CPU per
 * event (48.6-51.2 us against 43.2-46.7 us, relay alone, interleaved twice), while its small
 * young generation (deploy/service-node-options.json) already holds it at 220-241 MB.
 */
import 'reflect-metadata';
import { loadAuthSettings } from '@ledger/auth';
import { createRelayApp } from './relay.app';
import { loadRelayConfig } from './relay.config';

async function bootstrap(): Promise<void> {
  const config = loadRelayConfig();
  const app = await createRelayApp(config, loadAuthSettings());
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`outbox-relay failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
