/**
 * Creates the query API exactly as it runs: the module, the logger, the OpenAPI
 * document (behind authentication like every route). `main.ts` and the integration
 * tests share it, so what is tested is what is deployed.
 */
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { protectApiDocs, type AuthSettings } from '@ledger/auth';
import { keepIdleConnectionsOpen } from '@ledger/platform';
import { Logger } from 'nestjs-pino';
import { API_DOCS_PATHS, buildQueryApiOpenApi, serveOpenApi } from './openapi/document';
import type { QueryApiConfig } from './query-api.config';
import { QueryApiModule } from './query-api.module';

export async function createQueryApiApp(config: QueryApiConfig, auth: AuthSettings): Promise<NestExpressApplication> {
  // Every route is a GET: no request body is ever read.
  const app = await NestFactory.create<NestExpressApplication>(QueryApiModule.forConfig(config, auth), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  keepIdleConnectionsOpen(app.getHttpServer());
  app.enableShutdownHooks();
  protectApiDocs(app, API_DOCS_PATHS);
  serveOpenApi(app, buildQueryApiOpenApi(app));
  return app;
}
