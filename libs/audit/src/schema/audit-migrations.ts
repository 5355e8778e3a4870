/**
 * Brings the audit schema up to date at start-up, in its own migrations table
 * (`audit_migrations`), under an advisory lock so instances that start together take
 * turns, the second finding nothing to do. The event store's schema is migrated first:
 * the audit reads `ledger.events`, whichever service happened to start first.
 */
import { runMigrationsUnderLock } from '@ledger/database';
import { createEventStoreDataSource, migrateEventStore } from '@ledger/event-store';
import { CreateAuditSchema1764200000000 } from './1764200000000-create-audit-schema';

export const AUDIT_MIGRATIONS = [CreateAuditSchema1764200000000];
export const AUDIT_MIGRATIONS_TABLE = 'audit_migrations';

const MIGRATION_LOCK_NAME = 'alignment-ledger:audit-migrations';
const APPLICATION_NAME = 'alignment-audit-migrations';

export async function migrateAuditSchema(databaseUrl: string): Promise<void> {
  const ledger = createEventStoreDataSource({ url: databaseUrl, poolSize: 1, applicationName: APPLICATION_NAME });
  await ledger.initialize();
  try {
    await migrateEventStore(ledger);
  } finally {
    await ledger.destroy();
  }
  await runMigrationsUnderLock(
    { url: databaseUrl, migrations: AUDIT_MIGRATIONS, migrationsTableName: AUDIT_MIGRATIONS_TABLE, applicationName: APPLICATION_NAME },
    MIGRATION_LOCK_NAME,
  );
}
