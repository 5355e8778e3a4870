/**
 * A ledger application with its HTTP surface only, the write path replaced by inert
 * stand-ins: enough to build the OpenAPI document without a database or a broker.
 */
import type { INestApplication } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { AccountAdministration } from '@ledger/auth';
import { CommandGateway } from '../commands/command-gateway';
import { HttpCommandSubmitter } from '../commands/http/http-command-submitter';
import { LEDGER_HTTP_CONTROLLERS } from '../ledger-http.module';

export async function createDocumentationApp(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    controllers: LEDGER_HTTP_CONTROLLERS,
    providers: [
      { provide: HttpCommandSubmitter, useValue: {} },
      { provide: CommandGateway, useValue: {} },
      { provide: CommandBus, useValue: {} },
      { provide: QueryBus, useValue: {} },
      { provide: AccountAdministration, useValue: {} },
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}
