/**
 * Keyset pagination against PostgreSQL: walking any view page by page, in any sort
 * (NULLs included, ascending or descending), gives exactly the rows of one ordered
 * query, each once; exports stream the same rows; a key finds its row.
 */
import type { Pool } from 'pg';
import { findBiView } from '../catalogue/catalogue';
import { openBiTestDatabase, type BiTestDatabase } from '../testing/bi-test-database';
import { createBiReadPool } from './bi-read-pool';
import { BiReader } from './bi-reader';
import { aggregateSource, findAggregate } from './aggregates';
import { parseListQuery, type ResponseFormat } from './list-query';
import { viewSource, type QuerySource } from './query-source';
import type { RawRow } from './row-format';

jest.setTimeout(120_000);

describe('reading BI views page by page', () => {
  let database: BiTestDatabase;
  let pool: Pool;
  let reader: BiReader;

  beforeAll(async () => {
    database = await openBiTestDatabase();
    pool = createBiReadPool({ databaseUrl: database.url, max: 2, statementTimeoutMs: 10_000, applicationName: 'bi-reader-test' });
    reader = new BiReader(pool);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.close();
  });

  const view = (name: string) => viewSource(findBiView(name)!);
  const query = (source: QuerySource, text: string, format: ResponseFormat = 'json') =>
    parseListQuery(source, new URLSearchParams(text), { format, routeParameters: [] });
  const keysOf = (source: QuerySource, rows: readonly RawRow[]) => rows.map((row) => source.unique.map((column) => row[column]).join('~'));

  async function walk(source: QuerySource, text: string, pageSize: number): Promise<RawRow[]> {
    const rows: RawRow[] = [];
    let cursor: string | null = null;
    do {
      const parameters: string = [text, `limit=${pageSize}`, cursor ? `cursor=${cursor}` : ''].filter(Boolean).join('&');
      const page = await reader.page(source, query(source, parameters));
      rows.push(...page.rows);
      cursor = page.nextCursor;
    } while (cursor);
    return rows;
  }

  it('reads as the BI role, whatever user the connection logged in as', async () => {
    expect((await pool.query('SELECT current_user AS role')).rows[0]).toEqual({ role: 'alignment_bi' });
  });

  it.each([
    ['fact_contribution_v1', ''],
    ['fact_contribution_v1', 'sort=delivered_at'],
    ['fact_contribution_v1', 'sort=-delivered_at,-due_date'],
    ['fact_metric_reading_v1', 'sort=-target,period'],
    ['fact_metric_reading_v1', 'sort=attainment&filter[partnership_key]=mkt-sales'],
    ['fact_sla_observation_v1', 'sort=-observed_at'],
    ['dim_agreement_version_v1', 'sort=-valid_to,valid_from'],
    ['dim_date_v1', 'filter[date_key][gte]=2025-01-01&filter[date_key][lt]=2025-01-20&sort=-iso_week'],
  ])('walks %s with "%s" in pages of 2, each row once, in the order of one query', async (name, text) => {
    const source = view(name);
    const whole = await reader.page(source, query(source, `${text}${text ? '&' : ''}limit=1000`));
    const paged = await walk(source, text, 2);
    expect(keysOf(source, paged)).toEqual(keysOf(source, whole.rows));
    expect(new Set(keysOf(source, paged)).size).toBe(paged.length);
    expect(paged.length).toBeGreaterThan(2);
  });

  it('walks an aggregate by its groups', async () => {
    const source = aggregateSource(findAggregate('sla-compliance')!, 'sla_key,week');
    const paged = await walk(source, 'sort=-compliance', 1);
    const whole = await reader.page(source, query(source, 'sort=-compliance'));
    expect(paged).toEqual(whole.rows);
  });

  it('exports every row of a query, in order, batch by batch, and stops when the sink asks', async () => {
    const source = view('fact_sla_observation_v1');
    const exported: RawRow[] = [];
    await reader.export(source, query(source, 'sort=-observed_at', 'csv'), async (rows) => {
      exported.push(...rows);
      return true;
    });
    const whole = await reader.page(source, query(source, 'sort=-observed_at&limit=1000'));
    expect(exported).toEqual(whole.rows);

    let batches = 0;
    await reader.export(source, query(source, '', 'csv'), async () => {
      batches += 1;
      return false;
    });
    expect(batches).toBe(1);
  });

  it('finds a row by its key, and answers query.resource-not-found for a key it does not hold', async () => {
    const metricReadings = findBiView('fact_metric_reading_v1')!;
    await expect(reader.find(metricReadings, 'mkt-sales~mql-volume~2025-02')).resolves.toMatchObject({ value: '395', reading_id: 'mql-feb' });
    for (const missing of ['mkt-sales~mql-volume~2024-12', 'mkt-sales~mql-volume', 'a~b~c~d']) {
      await expect(reader.find(metricReadings, missing)).rejects.toMatchObject({ code: 'query.resource-not-found', status: 404 });
    }
    await expect(reader.find(findBiView('dim_date_v1')!, 'not-a-date')).rejects.toMatchObject({ code: 'query.resource-not-found' });
  });

  it('hands out instants in UTC with microseconds and numbers as exact text', async () => {
    const source = view('fact_metric_reading_v1');
    const [row] = (await reader.page(source, query(source, 'filter[metric_reading_key]=mkt-sales~mql-volume~2025-02'))).rows;
    expect(row).toMatchObject({ reported_at: '2025-03-02T07:00:00.000000Z', period_start: '2025-02-01', value: '395', recorded_value: '380' });
  });
});
