/**
 * Applies a schema's pending migrations on ONE connection that holds a session advisory
 * lock meanwhile: a second process starting at the same time waits, then finds nothing
 * to do. Running the migrations on the very connection that holds the lock also means a
 * pool of one cannot deadlock. Each migration runs in its own transaction.
 */
import { DataSource, MigrationExecutor, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Names the lock: one name (`pg_advisory_lock(hashtext(name))`), or a class and an
 * instance (`pg_advisory_lock(hashtext(class), hashtext(instance))`), e.g. one lock per
 * projection schema. The two forms are distinct lock spaces in PostgreSQL: a schema
 * keeps the form it was first migrated under, or two versions would not exclude each other.
 */
export type AdvisoryLockKey = string | readonly [lockClass: string, instance: string];

/** A schema's migrations, for callers that hold no data source of their own: one is opened (one connection) and closed around the run. */
export interface MigrationSource {
  url: string;
  migrations: ReadonlyArray<new () => MigrationInterface>;
  migrationsTableName: string;
  /** Shown in `pg_stat_activity`, so an operator can tell who holds the lock. */
  applicationName?: string;
}

/** Applies the pending migrations of `target` (an initialised data source, or a source to open) under the advisory lock `lockKey`. */
export function runMigrationsUnderLock(target: DataSource | MigrationSource, lockKey: AdvisoryLockKey): Promise<void> {
  return withMigrationLock(target, lockKey, (runner, dataSource) => applyPendingMigrations(dataSource, runner));
}

/**
 * Runs `work` on one connection holding the advisory lock `lockKey`, for a schema whose
 * start-up does more than migrations under the same lock (see `applyPendingMigrations`).
 */
export async function withMigrationLock<T>(
  target: DataSource | MigrationSource,
  lockKey: AdvisoryLockKey,
  work: (runner: QueryRunner, dataSource: DataSource) => Promise<T>,
): Promise<T> {
  if (!(target instanceof DataSource)) return withOpenDataSource(target, (dataSource) => withMigrationLock(dataSource, lockKey, work));
  const runner = target.createQueryRunner();
  try {
    await runner.connect();
    // Waiting for another instance's migrations, or building an index on a long table, may take longer than any statement should.
    await runner.query('SET statement_timeout = 0');
    const [lockSql, unlockSql, params] = lockStatements(lockKey);
    await runner.query(lockSql, params);
    try {
      return await work(runner, target);
    } finally {
      await runner.query(unlockSql, params);
      await runner.query('RESET statement_timeout');
    }
  } finally {
    await runner.release();
  }
}

/** The data source's pending migrations, each in its own transaction, on `runner` (which should hold the lock). */
export async function applyPendingMigrations(dataSource: DataSource, runner: QueryRunner): Promise<void> {
  const executor = new MigrationExecutor(dataSource, runner);
  executor.transaction = 'each';
  await executor.executePendingMigrations();
}

async function withOpenDataSource<T>(source: MigrationSource, work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: source.url,
    poolSize: 1,
    applicationName: source.applicationName,
    migrations: [...source.migrations],
    migrationsTableName: source.migrationsTableName,
  });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

function lockStatements(lockKey: AdvisoryLockKey): [lock: string, unlock: string, params: string[]] {
  if (typeof lockKey === 'string') {
    return ['SELECT pg_advisory_lock(hashtext($1))', 'SELECT pg_advisory_unlock(hashtext($1))', [lockKey]];
  }
  return ['SELECT pg_advisory_lock(hashtext($1), hashtext($2))', 'SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [...lockKey]];
}
