/**
 * How a service reaches the `auth` schema: its own small pool (verifications are cached,
 * so two connections carry a busy service) and its own migrations table, applied at
 * start-up under an advisory lock so that services starting together take turns.
 */
import { runMigrationsUnderLock } from '@ledger/database';
import { DataSource } from 'typeorm';
import { CreateAuthSchema1764300000000 } from './1764300000000-create-auth-schema';

export const AUTH_MIGRATIONS = [CreateAuthSchema1764300000000];
export const AUTH_MIGRATIONS_TABLE = 'auth_migrations';

const MIGRATION_LOCK_NAME = 'alignment-ledger:auth-migrations';
const DEFAULT_POOL_SIZE = 2;

export interface AuthDataSourceOptions {
  url: string;
  poolSize?: number;
  /** Shown in `pg_stat_activity`. */
  applicationName?: string;
}

export function createAuthDataSource(options: AuthDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    poolSize: options.poolSize ?? DEFAULT_POOL_SIZE,
    applicationName: options.applicationName,
    migrations: AUTH_MIGRATIONS,
    migrationsTableName: AUTH_MIGRATIONS_TABLE,
    migrationsRun: false,
    synchronize: false,
  });
}

/** Applies pending migrations on one connection holding a session advisory lock. */
export function migrateAuthSchema(dataSource: DataSource): Promise<void> {
  return runMigrationsUnderLock(dataSource, MIGRATION_LOCK_NAME);
}

/** An initialised, migrated data source: what every service and the CLI start with. */
export async function openAuthDataSource(options: AuthDataSourceOptions): Promise<DataSource> {
  const dataSource = createAuthDataSource(options);
  await dataSource.initialize();
  try {
    await migrateAuthSchema(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
