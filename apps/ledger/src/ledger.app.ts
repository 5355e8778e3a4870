/**
 * Creates the ledger application exactly as it runs: the module, the request body
 * limit, the logger, the OpenAPI document (behind authentication like every route).
 * `main.ts` and the integration tests share it, so what is tested is what is deployed.
 */
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { limitRequestBodies, protectApiDocs, type AuthSettings } from '@ledger/auth';
import { keepIdleConnectionsOpen } from '@ledger/platform';
import { Logger } from 'nestjs-pino';
import { LedgerModule } from './ledger.module';
import type { LedgerConfig } from './ledger.config';
import { API_DOCS_PATHS, buildLedgerOpenApi, serveOpenApi } from './openapi/document';

export async function createLedgerApp(config: LedgerConfig, auth: AuthSettings): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(LedgerModule.forConfig(config, auth), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  keepIdleConnectionsOpen(app.getHttpServer());
  limitRequestBodies(app, config.requestBodyLimit);
  app.enableShutdownHooks();
  protectApiDocs(app, API_DOCS_PATHS);
  serveOpenApi(app, buildLedgerOpenApi(app));
  return app;
}
