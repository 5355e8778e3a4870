/** A query API with its HTTP surface only and an inert reader: enough to build the OpenAPI document without a database. */
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { BiReader } from '@ledger/bi';
import { QUERY_API_HTTP_CONTROLLERS } from '../query-api-http';

export async function createDocumentationApp(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    controllers: QUERY_API_HTTP_CONTROLLERS,
    providers: [{ provide: BiReader, useValue: {} }],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}
