/**
 * Wires the event store to the service: one connection pool, migrations applied at
 * start-up (under an advisory lock, so instances starting together do not race), and
 * the application's write path on top, with the publishers' access policy.
 */
import type { Provider } from '@nestjs/common';
import { PartnershipRepository, SubmissionExecutor } from '@ledger/application';
import { publisherWriteAccess } from '@ledger/auth';
import { EventStore, migrateEventStore, openEventStoreDataSource } from '@ledger/event-store';
import { createLogger } from '@ledger/platform';
import { DataSource } from 'typeorm';
import { LedgerConfig } from '../ledger.config';

export const eventStoreProviders: Provider[] = [
  {
    provide: DataSource,
    inject: [LedgerConfig],
    useFactory: async (config: LedgerConfig) => {
      const dataSource = await openEventStoreDataSource({
        url: config.databaseUrl,
        poolSize: config.databasePoolSize,
        applicationName: 'alignment-ledger',
        logger: createLogger('ledger'),
      });
      await migrateEventStore(dataSource);
      return dataSource;
    },
  },
  { provide: EventStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new EventStore(dataSource) },
  {
    provide: PartnershipRepository,
    inject: [EventStore, LedgerConfig],
    useFactory: (store: EventStore, config: LedgerConfig) => new PartnershipRepository(store, { cachedPartnerships: config.stateCacheSize, cachedEvents: config.stateCacheEvents }),
  },
  {
    provide: SubmissionExecutor,
    inject: [EventStore, PartnershipRepository],
    useFactory: (store: EventStore, repository: PartnershipRepository) => new SubmissionExecutor(store, repository, publisherWriteAccess),
  },
];
