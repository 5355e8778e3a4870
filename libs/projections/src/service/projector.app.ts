/**
 * Creates a projector application exactly as it runs: the module, the logger, the
 * request body limit. Both projectors' `main.ts` and the tests share it, so what is
 * tested is what is deployed.
 */
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { limitRequestBodies, type AuthSettings } from '@ledger/auth';
import { keepIdleConnectionsOpen } from '@ledger/platform';
import { Logger } from 'nestjs-pino';
import type { ProjectedView, ProjectorConfig } from '../runtime/projector-config';
import { ProjectorServiceModule } from './projector-service.module';

export async function createProjectorApp(view: ProjectedView, config: ProjectorConfig, auth: AuthSettings): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ProjectorServiceModule.forView(view, config, auth), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  keepIdleConnectionsOpen(app.getHttpServer());
  limitRequestBodies(app, config.requestBodyLimit);
  app.enableShutdownHooks();
  return app;
}
