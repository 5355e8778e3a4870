/**
 * Brings the BI schema up to date at the query API's start-up:
 *
 * 1. the projection schemas the views read, by the projectors' own migrations (under
 *    their advisory locks), so the services can start in any order;
 * 2. the BI role, and the service user's membership in it (roles belong to the cluster,
 *    not the database: a database restored elsewhere finds them missing, so they are
 *    ensured on every start);
 * 3. this library's migrations, recorded in `bi_migrations`: schema `bi` and the
 *    database-wide revocations - things done once;
 * 4. the indexes the views need on the projection tables (CONCURRENTLY);
 * 5. the views, their comments and grants, in one transaction (`installBiViews`).
 */
import { applyPendingMigrations, withMigrationLock } from '@ledger/database';
import { migrateProjection, OWNERSHIP_PROJECTION, REPORTING_PROJECTION } from '@ledger/projections';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BI_SOURCE_SCHEMAS } from '../catalogue/sources';
import { CREATE_BI_ROLE, GRANT_BI_ROLE_TO_MIGRATOR, SCHEMA_PRIVILEGES } from './bi-role';
import { installBiViews } from './install-bi-views';
import { ensureSourceIndexes } from './source-indexes';

export const BI_MIGRATIONS_TABLE = 'bi_migrations';

const MIGRATION_LOCK = 'alignment-ledger:bi-migrations';

export class CreateBiSchema1764400000000 implements MigrationInterface {
  readonly name = 'CreateBiSchema1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of SCHEMA_PRIVILEGES) await queryRunner.query(statement);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA IF EXISTS bi CASCADE');
  }
}

export const BI_MIGRATIONS = [CreateBiSchema1764400000000];

export async function migrateBi(databaseUrl: string): Promise<void> {
  for (const projection of [OWNERSHIP_PROJECTION, REPORTING_PROJECTION]) await migrateProjection(databaseUrl, projection);
  const source = { url: databaseUrl, migrations: BI_MIGRATIONS, migrationsTableName: BI_MIGRATIONS_TABLE, applicationName: 'alignment-bi-migrations' };
  await withMigrationLock(source, MIGRATION_LOCK, async (runner, dataSource) => {
    const query = (sql: string, params: unknown[]) => runner.query(sql, params).then((rows: unknown[]) => ({ rows }));
    await runner.query(CREATE_BI_ROLE);
    await runner.query(GRANT_BI_ROLE_TO_MIGRATOR);
    await applyPendingMigrations(dataSource, runner);
    await ensureSourceIndexes(query, BI_SOURCE_SCHEMAS, { concurrently: true });
    await inTransaction(runner, () => installBiViews(query));
  });
}

async function inTransaction(runner: QueryRunner, work: () => Promise<void>): Promise<void> {
  await runner.startTransaction();
  try {
    await work();
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
}
