/**
 * Migrations under an advisory lock, on a real PostgreSQL: instances starting together
 * apply each migration once, and a failed run leaves the lock free for the next start.
 */
import { createTestDatabase, type TestDatabase } from '@ledger/testing';
import { Client } from 'pg';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { runMigrationsUnderLock, type MigrationSource } from './migrations-under-lock';

jest.setTimeout(60_000);

/** Fails if it runs twice: the table exists the second time. */
class CreateGreetings1700000000001 implements MigrationInterface {
  readonly name = 'CreateGreetings1700000000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE greetings (id serial PRIMARY KEY, text text NOT NULL)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE greetings');
  }
}

class AddGreeting1700000000002 implements MigrationInterface {
  readonly name = 'AddGreeting1700000000002';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`INSERT INTO greetings (text) VALUES ('hello')`);
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM greetings');
  }
}

class Broken1700000000003 implements MigrationInterface {
  readonly name = 'Broken1700000000003';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('SELECT * FROM no_such_table');
  }
  async down(): Promise<void> {}
}

describe('runMigrationsUnderLock', () => {
  let database: TestDatabase;
  let client: Client;
  const source = (): MigrationSource => ({
    url: database.url,
    migrations: [CreateGreetings1700000000001, AddGreeting1700000000002],
    migrationsTableName: 'greeting_migrations',
  });

  beforeAll(async () => {
    database = await createTestDatabase('al_database_locks');
    client = new Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('applies each migration once when several instances start at the same time', async () => {
    await Promise.all(Array.from({ length: 4 }, () => runMigrationsUnderLock(source(), ['test:greetings', 'public'])));

    const greetings = await client.query('SELECT text FROM greetings');
    const applied = await client.query('SELECT name FROM greeting_migrations ORDER BY id');
    expect(greetings.rows).toEqual([{ text: 'hello' }]);
    expect(applied.rows.map((row: { name: string }) => row.name)).toEqual(['CreateGreetings1700000000001', 'AddGreeting1700000000002']);
  });

  it('rolls back a failing migration and frees the lock, though the connection stays open', async () => {
    const dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      poolSize: 1,
      migrations: [Broken1700000000003],
      migrationsTableName: 'broken_migrations',
    });
    await dataSource.initialize();
    // TypeORM prints the failed migration to the console itself; the rejection is what counts here.
    const typeormOutput = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await expect(runMigrationsUnderLock(dataSource, 'test:broken')).rejects.toThrow('no_such_table');

      const locks = await client.query(
        `SELECT count(*)::int AS held FROM pg_locks
         WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      const applied = await client.query('SELECT count(*)::int AS applied FROM broken_migrations');
      expect({ locks: locks.rows[0].held, applied: applied.rows[0].applied }).toEqual({ locks: 0, applied: 0 });
    } finally {
      typeormOutput.mockRestore();
      await dataSource.destroy();
    }
  });
});
