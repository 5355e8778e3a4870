/**
 * Wires the audit library to the service: one connection pool on the ledger's database
 * (schemas migrated at start-up), the signing keys, and the readers, sealer and
 * exporter on top. The signer key stays inside the sealer; everything else sees only
 * the public identity (origin and verifier key).
 */
import type { Provider } from '@nestjs/common';
import {
  AuditHistory,
  CheckpointStore,
  CommittedLog,
  LedgerExporter,
  LedgerProofs,
  loadSigningKeys,
  migrateAuditSchema,
  PartnershipTimeline,
  Sealer,
  type LedgerIdentity,
  type SigningKeys,
} from '@ledger/audit';
import { EventStore, openEventStoreDataSource } from '@ledger/event-store';
import { createKafka } from '@ledger/messaging';
import { createLogger } from '@ledger/platform';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { AuditConfig } from '../audit.config';

export const SIGNING_KEYS = Symbol('SIGNING_KEYS');
export const LEDGER_IDENTITY = Symbol('LEDGER_IDENTITY');

export const auditProviders: Provider[] = [
  {
    provide: DataSource,
    inject: [AuditConfig],
    useFactory: async (config: AuditConfig) => {
      await migrateAuditSchema(config.databaseUrl);
      return openEventStoreDataSource({ url: config.databaseUrl, poolSize: config.databasePoolSize, applicationName: 'alignment-audit', logger: createLogger('audit') });
    },
  },
  {
    provide: SIGNING_KEYS,
    inject: [AuditConfig],
    useFactory: async (config: AuditConfig) => {
      const keys = await loadSigningKeys({ signerKey: config.signerKey, keyFile: config.signerKeyFile, keyName: config.origin });
      createLogger('audit').info({ source: keys.source, keyFile: config.signerKeyFile, verifierKey: keys.verifierKey }, 'Checkpoint signing key ready');
      return keys;
    },
  },
  {
    provide: LEDGER_IDENTITY,
    inject: [AuditConfig, SIGNING_KEYS],
    useFactory: (config: AuditConfig, keys: SigningKeys): LedgerIdentity => ({ origin: config.origin, verifierKey: keys.verifierKey }),
  },
  { provide: EventStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new EventStore(dataSource) },
  { provide: CommittedLog, inject: [DataSource], useFactory: (dataSource: DataSource) => new CommittedLog(dataSource) },
  { provide: CheckpointStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new CheckpointStore(dataSource) },
  {
    provide: LedgerProofs,
    inject: [CommittedLog, CheckpointStore],
    useFactory: (log: CommittedLog, checkpoints: CheckpointStore) => new LedgerProofs(log, checkpoints),
  },
  {
    provide: AuditHistory,
    inject: [DataSource, CommittedLog],
    useFactory: (dataSource: DataSource, log: CommittedLog) => new AuditHistory(dataSource, log),
  },
  { provide: PartnershipTimeline, inject: [EventStore], useFactory: (store: EventStore) => new PartnershipTimeline(store) },
  {
    provide: LedgerExporter,
    inject: [DataSource, CommittedLog, CheckpointStore, LedgerProofs, LEDGER_IDENTITY],
    useFactory: (dataSource: DataSource, log: CommittedLog, checkpoints: CheckpointStore, proofs: LedgerProofs, identity: LedgerIdentity) =>
      new LedgerExporter(dataSource, log, checkpoints, proofs, identity),
  },
  {
    provide: Sealer,
    inject: [AuditConfig, DataSource, CommittedLog, SIGNING_KEYS],
    useFactory: (config: AuditConfig, dataSource: DataSource, log: CommittedLog, keys: SigningKeys) =>
      new Sealer({ dataSource, log, signerKey: keys.signerKey, origin: config.origin, maxEventsPerCheckpoint: config.sealEvents }),
  },
  {
    provide: Kafka,
    inject: [AuditConfig],
    useFactory: (config: AuditConfig) => createKafka({ brokers: config.kafkaBrokers, clientId: 'alignment-audit' }, createLogger('audit')),
  },
];
