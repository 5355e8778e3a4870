/**
 * How a service connects to the event store and brings its schema up to date. The
 * schema changes only through the migrations in `./migrations` (never `synchronize`),
 * so every database reaches the same shape by the same recorded steps.
 */
import { PostgresConnectionWatch, poolOfDataSource, runMigrationsUnderLock, type ConnectionLogger } from '@ledger/database';
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
  /** Longest wait for a connection (default 5 s): a database that is down fails fast instead of hanging the caller. */
  connectTimeoutMs?: number;
  /** Longest any statement may run (default 60 s); migrations lift it for themselves. */
  statementTimeoutMs?: number;
}

/** A transaction left open this long is ended by the server: it would hold locks and keep readers of the log waiting. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

export function createEventStoreDataSource(options: EventStoreDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    poolSize: options.poolSize,
    applicationName: options.applicationName,
    connectTimeoutMS: options.connectTimeoutMs ?? 5_000,
    extra: {
      statement_timeout: options.statementTimeoutMs ?? 60_000,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
      // Short statements over indexes: compiling one with JIT costs more than running it.
      options: '-c jit=off',
    },
    migrations: EVENT_STORE_MIGRATIONS,
    migrationsTableName: EVENT_STORE_MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
  });
}

/**
 * A service's data source, initialised, with its connections watched: an outage of the
 * database shows as one warning when it goes and one line when it is back (see
 * PostgresConnectionWatch), and never crashes the process.
 */
export async function openEventStoreDataSource(options: EventStoreDataSourceOptions & { logger: ConnectionLogger }): Promise<DataSource> {
  const dataSource = createEventStoreDataSource(options);
  await dataSource.initialize();
  const pool = poolOfDataSource(dataSource);
  if (pool) new PostgresConnectionWatch(options.logger, options.applicationName ?? 'event-store').watch(pool);
  return dataSource;
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock: a
 * second process waits, then finds nothing to do.
 */
export function migrateEventStore(dataSource: DataSource): Promise<void> {
  return runMigrationsUnderLock(dataSource, MIGRATION_LOCK_NAME);
}
