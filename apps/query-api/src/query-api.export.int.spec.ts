/**
 * Paging and exporting through the query API while the ledger keeps writing: cursor
 * pages never skip or repeat a row that was there when paging began, and a CSV export,
 * parsed back, holds exactly what the JSON pages hold, tricky text included.
 */
import { BI_VIEWS, type BiColumnType } from '@ledger/bi';
import type { EventEnvelope } from '@ledger/contracts';
import { alignmentQuarterHistory, MKT_SALES, ScenarioPlan } from '../../../libs/projections/src/testing';
import { parseCsv } from '../../../libs/bi/src/testing/csv-parser';
import { openQueryApi, type QueryApiFixture } from './testing/query-api-fixture';

jest.setTimeout(120_000);
process.env.LOG_LEVEL = 'warn';

type Row = Record<string, unknown>;

const TRICKY_TEXT = 'Say "hi", then\r\nleave: 50% off — naïve ✓, 数据';

/** A contribution whose text needs every kind of CSV quoting. */
function trickyContribution(): ScenarioPlan {
  const plan = new ScenarioPlan(MKT_SALES);
  plan.commit('2025-03-28', 'c-tricky', 'marketing', 'expertise', TRICKY_TEXT, '2099-01-01');
  return plan;
}

/** SLA observations recorded after the quarter, to be written while a client pages. */
function lateObservations(count: number): ScenarioPlan {
  const plan = new ScenarioPlan(MKT_SALES);
  for (let index = 0; index < count; index += 1) {
    const day = String(5 + Math.floor(index / 10)).padStart(2, '0');
    plan.observe(`2025-04-${day}T1${index % 10}:00:00Z`, `late-${String(index).padStart(3, '0')}`, 'mql-first-contact', 0.5, true);
  }
  return plan;
}

describe('paging and exporting through the query API', () => {
  const base = alignmentQuarterHistory(trickyContribution().planned);
  const full = alignmentQuarterHistory([...trickyContribution().planned, ...lateObservations(80).planned]);
  /** Two batches of observations recorded after the quarter, one per paging test. */
  const lateBatches = [full.slice(base.length, base.length + 40), full.slice(base.length + 40)];
  let api: QueryApiFixture;

  beforeAll(async () => {
    api = await openQueryApi(base);
  });

  afterAll(() => api?.close());

  /** Pages through `path`, recording a few of the batch's observations before each page. */
  async function pageWhileWriting(path: string, batch: readonly EventEnvelope[]): Promise<Row[]> {
    const seen: Row[] = [];
    const pending = [...batch];
    let cursor: string | null = null;
    do {
      await api.database.feed(pending.splice(0, 4));
      const response = await api.get(`${path}&limit=3${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      seen.push(...(response.body.data as Row[]));
      cursor = response.body.nextCursor as string | null;
    } while (cursor);
    await api.database.feed(pending);
    return seen;
  }

  const keysOf = (rows: Row[]) => rows.map((row) => String(row.sla_observation_key));
  const observationIdOf = (event: EventEnvelope) => (event.data as { observationId: string }).observationId;

  it('pages in key order without a gap or a repeat while observations are being recorded', async () => {
    const before = keysOf((await api.get('/views/fact_sla_observation_v1?limit=1000').expect(200)).body.data);
    const seen = keysOf(await pageWhileWriting('/views/fact_sla_observation_v1?sort=observation_id', lateBatches[0]));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((key) => before.includes(key)).sort()).toEqual([...before].sort());
  });

  it('pages in ledger order to the newest row, each exactly once, while observations are being recorded', async () => {
    const seen = keysOf(await pageWhileWriting('/views/fact_sla_observation_v1?sort=ledger_position', lateBatches[1]));
    const after = keysOf((await api.get('/views/fact_sla_observation_v1?sort=ledger_position&limit=1000').expect(200)).body.data);
    expect(seen).toEqual(after);
    const written = lateBatches[1].map((event) => `${MKT_SALES}~${observationIdOf(event)}`);
    expect(seen.filter((key) => written.includes(key))).toEqual(written);
  });

  async function allPages(view: string): Promise<Row[]> {
    const rows: Row[] = [];
    let cursor: string | null = null;
    do {
      const response = await api.get(`/views/${view}?limit=7${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      rows.push(...(response.body.data as Row[]));
      cursor = response.body.nextCursor as string | null;
    } while (cursor);
    return rows;
  }

  /** A CSV field read back as the JSON API types it. */
  function typed(type: BiColumnType, field: string | null): unknown {
    if (field === null) return null;
    if (type === 'numeric' || type === 'bigint' || type === 'integer') return Number(field);
    if (type === 'boolean') return field === 'true';
    if (type === 'jsonb') return JSON.parse(field) as unknown;
    return field;
  }

  it.each(BI_VIEWS.filter((view) => view.name !== 'dim_date_v1').map((view) => [view.name, view] as const))(
    'exports %s as CSV that, parsed back, equals its JSON pages',
    async (name, view) => {
      const response = await api.get(`/views/${name}`).set('Accept', 'text/csv').expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      const [header, ...records] = parseCsv(response.text);
      expect(header).toEqual(view.columns.map((column) => column.name));
      const fromCsv = records.map((record) => Object.fromEntries(view.columns.map((column, index) => [column.name, typed(column.type, record[index])])));
      expect(fromCsv).toEqual(await allPages(name));
    },
  );

  it('keeps commas, quotes, line breaks and any script intact through CSV', async () => {
    const response = await api.get('/views/fact_contribution_v1?format=csv&filter[contribution_id]=c-tricky').expect(200);
    const [header, record] = parseCsv(response.text);
    expect(record[header.indexOf('description')]).toBe(TRICKY_TEXT);
  });

  it('streams an export larger than one database batch, every row once, in order', async () => {
    const response = await api.get('/views/dim_date_v1?format=csv&sort=-date_key').expect(200);
    const [, ...records] = parseCsv(response.text);
    expect(records).toHaveLength(18_263);
    expect([records[0][0], records.at(-1)?.[0]]).toEqual(['2049-12-31', '2000-01-01']);
  });

  it('exports an aggregate as CSV too, and only the header when nothing matches', async () => {
    const groups = parseCsv((await api.get('/aggregates/decisions-within-rights?per=partnership_key&format=csv').expect(200)).text);
    expect(groups[0]).toEqual(['partnership_key', 'decisions', 'within_rights', 'outside_rights', 'share_within_rights']);
    expect(groups.length).toBe(3);
    const none = await api.get('/views/fact_decision_v1?format=csv&filter[partnership_key]=nobody').expect(200);
    expect(none.text).toBe(`${BI_VIEWS.find((view) => view.name === 'fact_decision_v1')!.columns.map((column) => column.name).join(',')}\r\n`);
  });
});
