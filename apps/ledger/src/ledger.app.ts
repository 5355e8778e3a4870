/**
 * Creates the ledger application exactly as it runs: the module, the request body
 * limit, the logger, the OpenAPI document. `main.ts` and the integration tests share
 * it, so what is tested is what is deployed.
 */
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { LedgerModule } from './ledger.module';
import type { LedgerConfig } from './ledger.config';
import { buildLedgerOpenApi, serveOpenApi } from './openapi/document';

export async function createLedgerApp(config: LedgerConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(LedgerModule.forConfig(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: config.requestBodyLimit, type: ['application/json', 'application/*+json'] });
  app.enableShutdownHooks();
  serveOpenApi(app, buildLedgerOpenApi(app));
  return app;
}
