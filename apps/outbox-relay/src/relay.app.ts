/**
 * Creates the outbox relay application exactly as it runs (module, logger, body limit);
 * `main.ts` and the tests share it.
 */
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { limitRequestBodies, type AuthSettings } from '@ledger/auth';
import { keepIdleConnectionsOpen } from '@ledger/platform';
import { Logger } from 'nestjs-pino';
import type { RelayConfig } from './relay.config';
import { RelayModule } from './relay.module';

export async function createRelayApp(config: RelayConfig, auth: AuthSettings): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(RelayModule.forConfig(config, auth), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  keepIdleConnectionsOpen(app.getHttpServer());
  limitRequestBodies(app, config.requestBodyLimit);
  app.enableShutdownHooks();
  return app;
}
