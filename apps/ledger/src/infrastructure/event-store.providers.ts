/**
 * Wires the event store to the service: one connection pool, migrations applied at
 * start-up (under an advisory lock, so instances starting together do not race), and
 * the application's write path on top, with the publishers' access policy.
 */
import type { Provider } from '@nestjs/common';
import { PartnershipRepository, SubmissionExecutor } from '@ledger/application';
import { publisherWriteAccess } from '@ledger/auth';
import { createEventStoreDataSource, EventStore, migrateEventStore } from '@ledger/event-store';
import { DataSource } from 'typeorm';
import { LedgerConfig } from '../ledger.config';

export const eventStoreProviders: Provider[] = [
  {
    provide: DataSource,
    inject: [LedgerConfig],
    useFactory: async (config: LedgerConfig) => {
      const dataSource = createEventStoreDataSource({
        url: config.databaseUrl,
        poolSize: config.databasePoolSize,
        applicationName: 'alignment-ledger',
      });
      await dataSource.initialize();
      await migrateEventStore(dataSource);
      return dataSource;
    },
  },
  { provide: EventStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new EventStore(dataSource) },
  {
    provide: PartnershipRepository,
    inject: [EventStore, LedgerConfig],
    useFactory: (store: EventStore, config: LedgerConfig) => new PartnershipRepository(store, config.stateCacheSize),
  },
  {
    provide: SubmissionExecutor,
    inject: [EventStore, PartnershipRepository],
    useFactory: (store: EventStore, repository: PartnershipRepository) => new SubmissionExecutor(store, repository, publisherWriteAccess),
  },
];
