/**
 * How a service connects to the event store and brings its schema up to date. The
 * schema changes only through the migrations in `./migrations` (never `synchronize`),
 * so every database reaches the same shape by the same recorded steps.
 */
import { runMigrationsUnderLock } from '@ledger/database';
import { DataSource } from 'typeorm';
import { EVENT_STORE_MIGRATIONS } from './migrations';

export const EVENT_STORE_MIGRATIONS_TABLE = 'event_store_migrations';

/** Serialises migration runs across processes: instances that start together take turns. */
const MIGRATION_LOCK_NAME = 'alignment-ledger:event-store-migrations';

export interface EventStoreDataSourceOptions {
  /** e.g. `postgres://postgres@127.0.0.1:5432/alignment_ledger` */
  url: string;
  poolSize?: number;
  /** Shown in `pg_stat_activity`, so an operator can tell which service holds a connection. */
  applicationName?: string;
}

export function createEventStoreDataSource(options: EventStoreDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    poolSize: options.poolSize,
    applicationName: options.applicationName,
    migrations: EVENT_STORE_MIGRATIONS,
    migrationsTableName: EVENT_STORE_MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
  });
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock: a
 * second process waits, then finds nothing to do.
 */
export function migrateEventStore(dataSource: DataSource): Promise<void> {
  return runMigrationsUnderLock(dataSource, MIGRATION_LOCK_NAME);
}
