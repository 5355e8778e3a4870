/**
 * BI views across a projection rebuild. PostgreSQL views hold their tables by identity:
 * when a rebuild renames the live schema away and the rebuilt one in, a view keeps
 * reading the retired schema, and dropping that schema drops the view with it. The BI
 * hook, run by the rebuild inside its switch, points the views at the new schema and
 * gives its tables the BI indexes; a query API start-up repairs what a rebuild without
 * the hook broke.
 */
import { silentLogger } from '@ledger/messaging';
import { OWNERSHIP_PROJECTION, ProjectionRebuilder, REPORTING_PROJECTION, reportingProjection, REPORTING_SCHEMA } from '@ledger/projections';
import { alignmentQuarterHistory } from '../../../projections/src/testing';
import { RuntimeFixture } from '../../../projections/src/runtime/testing/runtime-fixture';
import { BI_VIEWS } from '../catalogue/catalogue';
import { migrateBi } from './bi-migrations';
import { biAfterSwitchHook } from './install-bi-views';
import { BI_SOURCE_INDEXES } from './source-indexes';

jest.setTimeout(240_000);

describe('BI views across a rebuild of the reporting projection', () => {
  let fixture: RuntimeFixture;

  beforeAll(async () => {
    fixture = await RuntimeFixture.open();
    await fixture.record(alignmentQuarterHistory());
    await fixture.buildFromScratch(OWNERSHIP_PROJECTION);
    await fixture.buildFromScratch(REPORTING_PROJECTION);
    await migrateBi(fixture.url);
  });

  afterAll(() => fixture?.close());

  const rebuild = (afterSwitch = [biAfterSwitchHook]) =>
    new ProjectionRebuilder({
      databaseUrl: fixture.url,
      pool: fixture.pool,
      eventStore: fixture.eventStore,
      projectionIn: reportingProjection,
      liveSchema: REPORTING_SCHEMA,
      afterSwitch,
      dropRetired: true,
      logger: silentLogger,
    }).rebuildAndSwitch();

  /** The schemas of the relations each BI view reads, as PostgreSQL has recorded them. */
  async function schemasRead(): Promise<string[]> {
    const { rows } = await fixture.query(
      `SELECT DISTINCT source_schema.nspname AS schema
       FROM pg_rewrite r JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace n ON n.oid = v.relnamespace
       JOIN pg_depend d ON d.objid = r.oid AND d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
       JOIN pg_class source ON source.oid = d.refobjid JOIN pg_namespace source_schema ON source_schema.oid = source.relnamespace
       WHERE n.nspname = 'bi' AND source.oid <> v.oid ORDER BY 1`,
      [],
    );
    return (rows as { schema: string }[]).map((row) => row.schema);
  }

  async function biViewsPresent(): Promise<string[]> {
    const { rows } = await fixture.query(`SELECT table_name AS name FROM information_schema.views WHERE table_schema = 'bi' ORDER BY 1`, []);
    return (rows as { name: string }[]).map((row) => row.name);
  }

  const readingsCount = async () =>
    ((await fixture.query('SELECT count(*)::int AS count FROM bi.fact_metric_reading_v1', [])).rows[0] as { count: number }).count;

  it('points every view at the rebuilt schema within the switch, and builds the BI indexes on its tables', async () => {
    const before = await readingsCount();
    await rebuild();
    expect(await schemasRead()).toEqual(['ownership', 'reporting']);
    expect(await biViewsPresent()).toEqual(BI_VIEWS.map((view) => view.name).sort());
    expect(await readingsCount()).toBe(before);
    const { rows } = await fixture.query(`SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND indexname LIKE 'bi\\_%' ORDER BY 1`, [REPORTING_SCHEMA]);
    expect((rows as { indexname: string }[]).map((row) => row.indexname)).toEqual(BI_SOURCE_INDEXES.map((index) => index.name).sort());
  });

  it('loses the views over the retired schema when a rebuild runs without the hook, and the next start-up of the query API restores them', async () => {
    await rebuild([]);
    const left = await biViewsPresent();
    expect(left.some((name) => name.startsWith('fact_metric_reading'))).toBe(false);

    await migrateBi(fixture.url);
    expect(await biViewsPresent()).toEqual(BI_VIEWS.map((view) => view.name).sort());
    expect(await schemasRead()).toEqual(['ownership', 'reporting']);
    expect(await readingsCount()).toBeGreaterThan(0);
  });
});
