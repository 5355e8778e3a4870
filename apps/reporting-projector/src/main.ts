/**
 * Starts the reporting projector: keeps the `reporting` schema (attainment, SLA
 * compliance, fulfilment, health) current from the ledger topic, and rebuilds it on
 * request (`ProjectorServiceModule` of `@ledger/projections`: HTTP for health, lag and
 * rebuilds, the consumer in the background). Configuration errors stop it with one clear line.
 */
import 'reflect-metadata';
import { loadAuthSettings } from '@ledger/auth';
import { boundHeapGrowth } from '@ledger/platform';
import { createProjectorApp } from '@ledger/projections';
import { loadReportingProjectorConfig, REPORTING_VIEW } from './reporting-projector.config';

boundHeapGrowth();

async function bootstrap(): Promise<void> {
  const config = loadReportingProjectorConfig();
  const app = await createProjectorApp(REPORTING_VIEW, config, loadAuthSettings());
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`reporting-projector failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
