import { createTestDatabase, type TestDatabase } from '@ledger/testing';
import fc from 'fast-check';
import { Client } from 'pg';
import { RowChangeApplier, type QueryFunction } from './row-change-applier';
import { insertIfAbsent, update, upsert, type RowChange } from './row-change';

/** A table with the column types projections use, to check every statement shape on real Postgres. */
const ITEMS_TABLE = `CREATE TABLE SCHEMA.items (
  partnership_id text NOT NULL,
  item_id integer NOT NULL,
  label text,
  amount numeric,
  due date,
  at timestamptz,
  flag boolean NOT NULL DEFAULT false,
  details jsonb,
  last_position bigint NOT NULL,
  PRIMARY KEY (partnership_id, item_id)
)`;

const changeArbitrary: fc.Arbitrary<RowChange> = fc
  .record({
    kind: fc.constantFrom('upsert', 'insertIfAbsent', 'update'),
    key: fc.record({ partnership_id: fc.constantFrom('p1', 'p2'), item_id: fc.integer({ min: 1, max: 4 }) }),
    values: fc.record(
      {
        label: fc.option(fc.string({ maxLength: 8 })),
        amount: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })),
        due: fc.constantFrom('2025-01-31', '2025-02-28', null),
        at: fc.constantFrom('2025-01-02T09:00:00.000Z', '2025-03-01T23:59:59.999Z', null),
        flag: fc.boolean(),
        details: fc.option(fc.record({ note: fc.string({ maxLength: 5 }), items: fc.array(fc.integer(), { maxLength: 3 }) })),
      },
      { requiredKeys: [] },
    ),
    position: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ kind, key, values, position }) => {
    const change = { upsert, insertIfAbsent, update }[kind];
    return change('items', key, { ...values, last_position: position });
  });

describe('the row change applier on Postgres', () => {
  let database: TestDatabase;
  let client: Client;
  const query: QueryFunction = (sql, params) => client.query(sql, params);
  const rowsOf = async (schema: string) =>
    (await client.query(`SELECT * FROM ${schema}.items ORDER BY partnership_id, item_id`)).rows;

  beforeAll(async () => {
    database = await createTestDatabase('al_test_applier');
    client = new Client({ connectionString: database.url });
    await client.connect();
    for (const schema of ['batched', 'one_by_one']) {
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(ITEMS_TABLE.replace('SCHEMA', schema));
    }
  }, 60_000);

  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('leaves the same rows whether it applies a batch at once or each change on its own', async () => {
    const batched = new RowChangeApplier('batched');
    const oneByOne = new RowChangeApplier('one_by_one');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(changeArbitrary, { maxLength: 40 }), { minLength: 1, maxLength: 4 }), async (batches) => {
        await client.query('TRUNCATE batched.items, one_by_one.items');
        for (const batch of batches) {
          await batched.applyInTransaction(query, batch);
          for (const change of batch) await oneByOne.applyInTransaction(query, [change]);
        }
        expect(await rowsOf('batched')).toEqual(await rowsOf('one_by_one'));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('writes nothing of a batch when one of its changes fails', async () => {
    await client.query('TRUNCATE batched.items');
    const applier = new RowChangeApplier('batched');
    const batch = [
      upsert('items', { partnership_id: 'p1', item_id: 1 }, { label: 'kept only if all succeed', last_position: 1 }),
      upsert('items', { partnership_id: 'p1', item_id: 2 }, { no_such_column: 'x', last_position: 2 }),
    ];
    await expect(applier.applyInTransaction(query, batch)).rejects.toThrow(/no_such_column/);
    expect(await rowsOf('batched')).toEqual([]);
  });

  it("inside the caller's transaction, leaves the commit to the caller", async () => {
    await client.query('TRUNCATE batched.items');
    const applier = new RowChangeApplier('batched');
    await client.query('BEGIN');
    await applier.applyWithinTransaction(query, [
      upsert('items', { partnership_id: 'p1', item_id: 1 }, { label: 'rolled back', last_position: 1 }),
    ]);
    await client.query('ROLLBACK');
    expect(await rowsOf('batched')).toEqual([]);
  });

  it('stores dates, times, numbers and JSON with their column types', async () => {
    await client.query('TRUNCATE batched.items');
    await new RowChangeApplier('batched').applyInTransaction(query, [
      upsert(
        'items',
        { partnership_id: 'p1', item_id: 1 },
        { amount: 0.1, due: '2025-02-28', at: '2025-03-01T23:59:59.999Z', flag: true, details: { note: "it's", items: [1, 2] }, last_position: 7 },
      ),
    ]);
    const [row] = (
      await client.query(
        `SELECT amount::text, due::text, at, flag, details, pg_typeof(last_position)::text AS position_type
         FROM batched.items`,
      )
    ).rows;
    expect(row).toEqual({
      amount: '0.1',
      due: '2025-02-28',
      at: new Date('2025-03-01T23:59:59.999Z'),
      flag: true,
      details: { note: "it's", items: [1, 2] },
      position_type: 'bigint',
    });
  });
});
