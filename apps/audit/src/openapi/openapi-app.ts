/**
 * An audit application with its HTTP surface only, its services replaced by inert
 * stand-ins: enough to build the OpenAPI document without a database or a broker.
 */
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AuditHistory, CheckpointStore, CommittedLog, LedgerExporter, LedgerProofs, PartnershipTimeline } from '@ledger/audit';
import { EventStore } from '@ledger/event-store';
import { Kafka } from 'kafkajs';
import { AUDIT_HTTP_CONTROLLERS } from '../audit-http.controllers';
import { AuditConfig } from '../audit.config';
import { LEDGER_IDENTITY } from '../infrastructure/audit.providers';
import { BackgroundJobs } from '../jobs/background-jobs';

export async function createDocumentationApp(): Promise<INestApplication> {
  const standIns = [AuditHistory, CheckpointStore, CommittedLog, LedgerExporter, LedgerProofs, PartnershipTimeline, EventStore, Kafka, AuditConfig, BackgroundJobs];
  const moduleRef = await Test.createTestingModule({
    controllers: AUDIT_HTTP_CONTROLLERS,
    providers: [...standIns.map((token) => ({ provide: token, useValue: {} })), { provide: LEDGER_IDENTITY, useValue: {} }],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}
