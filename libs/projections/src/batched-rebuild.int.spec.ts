import { CADENCES, type EventEnvelope } from '@ledger/contracts';
import { periodOf } from '@ledger/domain';
import fc from 'fast-check';
import { ownershipProjection } from './ownership/ownership.projection';
import { runProjectionMigrations, type Projection } from './projection';
import { reportingProjection } from './reporting/reporting.projection';
import { RowChangeApplier } from './row-changes/row-change-applier';
import { feedHistory, openProjectionTestDatabase, type ProjectionTestDatabase } from './testing/projection-test-database';
import { randomHistoryArbitrary } from './testing/random-history';

/** Each projection twice: once fed in batches, once one row change at a time. */
const PAIRS: { batched: Projection; oneByOne: Projection }[] = [
  { batched: ownershipProjection(), oneByOne: ownershipProjection('ownership_one_by_one') },
  { batched: reportingProjection(), oneByOne: reportingProjection('reporting_one_by_one') },
];

describe('rebuilding the views from a random history', () => {
  let database: ProjectionTestDatabase;

  beforeAll(async () => {
    database = await openProjectionTestDatabase(PAIRS.map((pair) => pair.batched));
    for (const pair of PAIRS) await runProjectionMigrations(database.url, pair.oneByOne);
  }, 60_000);

  afterAll(() => database.close());

  const tableRows = async (projection: Projection, table: string) =>
    (await database.query(`SELECT to_jsonb(t) AS row FROM "${projection.schema}"."${table}" t ORDER BY to_jsonb(t)::text`, []))
      .rows;

  async function applyOneChangeAtATime(projection: Projection, events: readonly EventEnvelope[]): Promise<void> {
    const applier = new RowChangeApplier(projection.schema);
    for (const change of events.flatMap(projection.project)) await applier.applyInTransaction(database.query, [change]);
  }

  it('fills every table exactly as applying one row change at a time does', async () => {
    await fc.assert(
      fc.asyncProperty(randomHistoryArbitrary(), fc.integer({ min: 1, max: 200 }), async (events, batchSize) => {
        for (const { batched, oneByOne } of PAIRS) {
          for (const projection of [batched, oneByOne]) {
            await database.query(`TRUNCATE ${projection.tables.map((table) => `"${projection.schema}"."${table}"`).join(', ')}`, []);
          }
          await feedHistory(database.pool, batched, events, () => batchSize);
          await applyOneChangeAtATime(oneByOne, events);
          for (const table of batched.tables) {
            expect({ table, rows: await tableRows(batched, table) }).toEqual({ table, rows: await tableRows(oneByOne, table) });
          }
        }
      }),
      { numRuns: 6 },
    );
  }, 300_000);

  it('writes something to every table of both projections from a long enough history', async () => {
    const [events] = fc.sample(randomHistoryArbitrary({ minSteps: 500, maxSteps: 600 }), { numRuns: 1, seed: 42 });
    for (const { batched } of PAIRS) {
      await feedHistory(database.pool, batched, events);
      for (const table of batched.tables) {
        expect({ table, filled: (await tableRows(batched, table)).length > 0 }).toEqual({ table, filled: true });
      }
    }
  });
});

describe('the SQL period functions', () => {
  let database: ProjectionTestDatabase;

  beforeAll(async () => {
    database = await openProjectionTestDatabase([reportingProjection()]);
  }, 60_000);

  afterAll(() => database.close());

  it("name the same period as the domain's periodOf, for every cadence and instant", async () => {
    const instant = fc.date({ min: new Date('1999-12-20T00:00:00Z'), max: new Date('2040-01-10T00:00:00Z'), noInvalidDate: true });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...CADENCES), instant), { minLength: 1, maxLength: 200 }), async (cases) => {
        const { rows } = await database.query(
          `SELECT reporting.period_of(c.cadence, c.at) AS period
           FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS c(cadence, at, n) ORDER BY c.n`,
          [cases.map(([cadence]) => cadence), cases.map(([, at]) => at.toISOString())],
        );
        expect(rows.map((row: any) => row.period)).toEqual(cases.map(([cadence, at]) => periodOf(at, cadence)));
      }),
      { numRuns: 20 },
    );
  });
});
