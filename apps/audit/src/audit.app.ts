/**
 * Creates the audit application exactly as it runs: the module, the request body limit,
 * the logger, the OpenAPI document (behind authentication like every route). `main.ts`
 * and the integration tests share it, so what is tested is what is deployed.
 */
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { limitRequestBodies, protectApiDocs, type AuthSettings } from '@ledger/auth';
import { keepIdleConnectionsOpen } from '@ledger/platform';
import { Logger } from 'nestjs-pino';
import type { AuditConfig } from './audit.config';
import { AuditModule } from './audit.module';
import { API_DOCS_PATHS, buildAuditOpenApi, serveOpenApi } from './openapi/document';

export async function createAuditApp(config: AuditConfig, auth: AuthSettings): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AuditModule.forConfig(config, auth), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  keepIdleConnectionsOpen(app.getHttpServer());
  limitRequestBodies(app, config.requestBodyLimit);
  app.enableShutdownHooks();
  protectApiDocs(app, API_DOCS_PATHS);
  serveOpenApi(app, buildAuditOpenApi(app));
  return app;
}
