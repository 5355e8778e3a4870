/**
 * Test support for the event store's integration tests: a migrated store on a database
 * of its own, and events built with every field filled, so a test states only what it
 * is about.
 */
import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@ledger/testing';
import type { DataSource } from 'typeorm';
import type { NewEvent } from '../append-request';
import { createEventStoreDataSource, migrateEventStore } from '../data-source';
import { EventStore } from '../event-store';

export interface EventStoreFixture {
  url: string;
  dataSource: DataSource;
  store: EventStore;
  /** Closes the pool and drops the database. */
  close(): Promise<void>;
}

export async function openEventStoreFixture(clock?: () => Date): Promise<EventStoreFixture> {
  const database = await createTestDatabase();
  const dataSource = createEventStoreDataSource({ url: database.url, poolSize: 20, applicationName: 'event-store-test' });
  await dataSource.initialize();
  await migrateEventStore(dataSource);
  return {
    url: database.url,
    dataSource,
    store: new EventStore(dataSource, clock),
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}

export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ReadingRecorded',
    schemaVersion: 1,
    data: { metricId: 'mql-volume', value: 42, period: '2025-Q1' },
    occurredAt: new Date('2025-03-01T09:30:00.123Z'),
    metadata: { actor: 'svc-crm', sourceSystem: 'crm', correlationId: randomUUID(), causationId: null },
    ...overrides,
  };
}

export function uniqueStreamId(): string {
  return `partnership-${randomUUID()}`;
}
