import { createTestDatabase, type TestDatabase } from '@ledger/testing';
import type { DataSource } from 'typeorm';
import { createEventStoreDataSource, EVENT_STORE_MIGRATIONS_TABLE, migrateEventStore } from './data-source';
import { EventStore } from './event-store';
import { EVENT_STORE_MIGRATIONS } from './migrations';
import { newEvent, uniqueStreamId } from './testing/event-store-fixture';

describe('event store schema', () => {
  let database: TestDatabase;
  const dataSources: DataSource[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await Promise.all(dataSources.map((dataSource) => dataSource.destroy()));
    await database.drop();
  });

  async function connect(poolSize = 4): Promise<DataSource> {
    const dataSource = createEventStoreDataSource({ url: database.url, poolSize, applicationName: 'schema-test' });
    await dataSource.initialize();
    dataSources.push(dataSource);
    return dataSource;
  }

  it('migrates once when several processes start together, even with a pool of one', async () => {
    const processes = await Promise.all([connect(1), connect(1), connect(1)]);

    await Promise.all(processes.map((dataSource) => migrateEventStore(dataSource)));

    const applied: { name: string }[] = await processes[0].query(`SELECT name FROM ${EVENT_STORE_MIGRATIONS_TABLE}`);
    expect(applied.map((row) => row.name)).toEqual(EVENT_STORE_MIGRATIONS.map((migration) => migration.name));
    const tables: { table_name: string }[] = await processes[0].query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'ledger' ORDER BY table_name",
    );
    expect(tables.map((row) => row.table_name)).toEqual(['events', 'idempotency_keys', 'relay_positions', 'streams']);
  });

  describe('append-only guard', () => {
    let dataSource: DataSource;
    let streamId: string;

    beforeAll(async () => {
      dataSource = await connect();
      await migrateEventStore(dataSource);
      streamId = uniqueStreamId();
      await new EventStore(dataSource).append({ streamId, expectedVersion: 0, events: [newEvent({ data: { value: 1 } })] });
    });

    const storedData = async (): Promise<unknown> =>
      (await dataSource.query('SELECT data FROM ledger.events WHERE stream_id = $1', [streamId]))[0]?.data;

    it('refuses to update a recorded event', async () => {
      await expect(
        dataSource.query(`UPDATE ledger.events SET data = '{"value": 2}' WHERE stream_id = $1`, [streamId]),
      ).rejects.toThrow(/append-only: UPDATE is refused/);
      expect(await storedData()).toEqual({ value: 1 });
    });

    it('refuses to delete a recorded event', async () => {
      await expect(dataSource.query('DELETE FROM ledger.events WHERE stream_id = $1', [streamId])).rejects.toThrow(
        /append-only: DELETE is refused/,
      );
      expect(await storedData()).toEqual({ value: 1 });
    });

    it('refuses to truncate the event log', async () => {
      await expect(dataSource.query('TRUNCATE ledger.events')).rejects.toThrow(/append-only: TRUNCATE is refused/);
      expect(await storedData()).toEqual({ value: 1 });
    });

    it('gives way only when the table owner disables it explicitly, as a tamper test does', async () => {
      const runner = dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query('ALTER TABLE ledger.events DISABLE TRIGGER USER');
        await runner.query(`UPDATE ledger.events SET data = '{"value": 2}' WHERE stream_id = $1`, [streamId]);
        expect((await runner.query('SELECT data FROM ledger.events WHERE stream_id = $1', [streamId]))[0].data).toEqual({ value: 2 });
        await runner.rollbackTransaction();
      } finally {
        await runner.release();
      }
      expect(await storedData()).toEqual({ value: 1 });
    });
  });
});
