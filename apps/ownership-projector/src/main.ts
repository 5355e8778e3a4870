/**
 * Starts the ownership projector: keeps the `ownership` schema (who owns, decides and
 * contributes what) current from the ledger topic, and rebuilds it on request
 * (`ProjectorServiceModule` of `@ledger/projections`: HTTP for health, lag and rebuilds,
 * the consumer in the background). Configuration errors stop it with one clear line.
 */
import 'reflect-metadata';
import { loadAuthSettings } from '@ledger/auth';
import { boundHeapGrowth } from '@ledger/platform';
import { createProjectorApp } from '@ledger/projections';
import { loadOwnershipProjectorConfig, OWNERSHIP_VIEW } from './ownership-projector.config';

boundHeapGrowth();

async function bootstrap(): Promise<void> {
  const config = loadOwnershipProjectorConfig();
  const app = await createProjectorApp(OWNERSHIP_VIEW, config, loadAuthSettings());
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`ownership-projector failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
