/**
 * The query API over HTTP, in process, on a real PostgreSQL holding the realistic
 * quarter: who may call it, the catalogue, filters and sorting, one row by its key,
 * aggregates, and the problems bad queries get.
 */
import { BI_VIEWS } from '@ledger/bi';
import { PROBLEM_CONTENT_TYPE } from '@ledger/platform';
import request from 'supertest';
import { openQueryApi, type QueryApiFixture } from './testing/query-api-fixture';

jest.setTimeout(120_000);
process.env.LOG_LEVEL = 'warn';

type Row = Record<string, unknown>;

describe('the query API over HTTP', () => {
  let api: QueryApiFixture;
  const rows = async <T = Row>(sql: string, params: unknown[] = []) => (await api.database.pool.query(sql, params)).rows as T[];
  const dataOf = async (path: string) => (await api.get(path).expect(200)).body.data as Row[];

  beforeAll(async () => {
    api = await openQueryApi();
  });

  afterAll(() => api?.close());

  describe('access', () => {
    it('answers health checks without a key, ready once every view is there', async () => {
      await request(api.app.getHttpServer()).get('/health/live').expect(200);
      const ready = await request(api.app.getHttpServer()).get('/health/ready').expect(200);
      expect(ready.body.checks).toEqual({ postgres: { status: 'up' }, 'bi-views': { status: 'up' } });
    });

    it('refuses a caller without a key (401) and a service account without the analyst role (403)', async () => {
      await request(api.app.getHttpServer()).get('/views/dim_team_v1').expect(401);
      await request(api.app.getHttpServer()).get('/aggregates').expect(401);
      await request(api.app.getHttpServer()).get('/openapi.json').expect(401);
      const forbidden = await request(api.app.getHttpServer()).get('/views/dim_team_v1').set('Authorization', `Bearer ${api.keys.publisher}`);
      expect(forbidden.status).toBe(403);
      expect(forbidden.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
    });

    it('serves its OpenAPI document to an analyst', async () => {
      const document = (await api.get('/openapi.json').expect(200)).body as { paths: Record<string, unknown> };
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/views/{view}', '/views/{view}/{id}', '/aggregates/{name}']));
    });
  });

  it('lists every view with its grain, key and columns, and the filters each column takes', async () => {
    const views = (await api.get('/views').expect(200)).body as Array<{ name: string; keyParts: string[]; columns: Array<{ name: string; operators: string[] }> }>;
    expect(views.map((view) => view.name)).toEqual(BI_VIEWS.map((view) => view.name));
    const readings = views.find((view) => view.name === 'fact_metric_reading_v1')!;
    expect(readings.keyParts).toEqual(['partnership_key', 'metric_id', 'period']);
    expect(readings.columns.find((column) => column.name === 'attainment')?.operators).toEqual(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'null']);
    expect(readings.columns.find((column) => column.name === 'on_track')?.operators).toEqual(['eq', 'ne', 'in', 'null']);
  });

  describe('filters', () => {
    it('keeps only the rows matching every filter, with typed comparisons', async () => {
      const data = await dataOf(
        '/views/fact_sla_observation_v1?filter[partnership_key]=mkt-sales&filter[met]=false&filter[observed_at][gte]=2025-03-01&filter[value][gt]=1',
      );
      const expected = await rows(
        `SELECT observation_id FROM reporting.sla_observations
         WHERE partnership_id = 'mkt-sales' AND NOT met AND observed_at >= '2025-03-01T00:00:00Z' AND value > 1 ORDER BY 1`,
      );
      expect(data.map((row) => row.observation_id)).toEqual(expected.map((row) => row.observation_id));
      expect(data.length).toBeGreaterThan(1);
    });

    it('takes lists (in), NULL tests (null) and text search ignoring case (contains)', async () => {
      const contributions = await dataOf('/views/fact_contribution_v1?filter[team_key][in]=sales,it&filter[delivered_at][null]=true&filter[description][contains]=TRADE');
      expect(contributions.map((row) => row.contribution_id)).toEqual(['c-event-budget']);
    });
  });

  describe('sorting', () => {
    it('sorts by the columns asked for, descending with a minus, the key breaking ties', async () => {
      const data = await dataOf('/views/fact_sla_observation_v1?sort=-value,observation_id&limit=1000');
      const expected = await rows(`SELECT observation_id FROM bi.fact_sla_observation_v1 ORDER BY value DESC, observation_id, partnership_key`);
      expect(data.map((row) => row.observation_id)).toEqual(expected.map((row) => row.observation_id));
    });

    it('sorts by the key when not told otherwise', async () => {
      const data = await dataOf('/views/dim_metric_v1');
      const keys = data.map((row) => String(row.metric_key));
      expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
    });
  });

  describe('one row by its key', () => {
    it("answers the row, typed as in lists: numbers as numbers, instants in UTC, the agreement's scope as JSON", async () => {
      const reading = (await api.get('/views/fact_metric_reading_v1/mkt-sales~mql-volume~2025-02').expect(200)).body.data as Row;
      expect(reading).toMatchObject({ value: 395, recorded_value: 380, corrected: true, target: 420, period_start: '2025-02-01', reported_at: '2025-03-02T07:00:00.000000Z' });
      const agreement = (await api.get('/views/dim_agreement_version_v1/mkt-finance~1').expect(200)).body.data as Row;
      expect(agreement).toMatchObject({ agreement_version: 1, is_current: false, scope: expect.objectContaining({ priorities: expect.any(Array) }) });
    });

    it('answers 404 with a problem for a key it does not hold, and for a view that does not exist', async () => {
      const missing = await api.get('/views/fact_metric_reading_v1/mkt-sales~mql-volume~1999-01').expect(404);
      expect(missing.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(missing.body).toMatchObject({ status: 404, code: 'query.resource-not-found' });
      const unknownView = await api.get('/views/fact_everything_v1').expect(404);
      expect(unknownView.body).toMatchObject({ code: 'query.unknown-view' });
    });
  });

  describe('aggregates', () => {
    it('computes SLA compliance per SLA and week as the reporting projection does', async () => {
      const data = await dataOf('/aggregates/sla-compliance?per=sla_key,period&filter[sla_id]=mql-first-contact');
      const expected = await rows<{ period: string; observations: string; met: string; compliance: string }>(
        `SELECT period, observations, met, compliance FROM reporting.sla_compliance WHERE sla_id = 'mql-first-contact' ORDER BY period`,
      );
      expect(data).toEqual(
        expected.map((row) => ({
          sla_key: 'mkt-sales~mql-first-contact',
          period: row.period,
          observations: Number(row.observations),
          met: Number(row.met),
          breaches: Number(row.observations) - Number(row.met),
          compliance: Number(row.compliance),
        })),
      );
    });

    it('computes contribution fulfilment per partner as the reporting projection does', async () => {
      const data = await dataOf('/aggregates/contribution-fulfilment?per=partnership_key,team_key');
      const expected = await rows<Record<string, string>>(
        `SELECT partnership_id, team_id, committed, withdrawn, delivered, delivered_on_time, delivered_late, overdue, open,
           share_delivered, share_on_time
         FROM reporting.contribution_fulfilment WHERE committed > 0 ORDER BY 1, 2`,
      );
      const number = (value: string | null) => (value === null ? null : Number(value));
      expect(data).toEqual(
        expected.map(({ partnership_id, team_id, share_delivered, share_on_time, ...counts }) => ({
          partnership_key: partnership_id,
          team_key: team_id,
          ...Object.fromEntries(Object.entries(counts).map(([name, value]) => [name, Number(value)])),
          share_delivered: number(share_delivered),
          share_on_time: number(share_on_time),
        })),
      );
    });

    it('lists the aggregates, and answers 400 for a grouping the aggregate does not offer', async () => {
      const aggregates = (await api.get('/aggregates').expect(200)).body as Array<{ name: string }>;
      expect(aggregates.map((aggregate) => aggregate.name)).toEqual(['metric-attainment', 'sla-compliance', 'contribution-fulfilment', 'decisions-within-rights']);
      const problem = (await api.get('/aggregates/sla-compliance?per=colour').expect(400)).body;
      expect(problem).toMatchObject({ code: 'query.invalid-grouping', errors: [{ field: 'per', rule: 'query.invalid-grouping' }] });
    });
  });

  describe('bad queries', () => {
    it.each([
      ['/views/fact_sla_observation_v1?filter[colour]=red', 'query.unknown-column', 'filter[colour]'],
      ['/views/fact_sla_observation_v1?filter[value][about]=1', 'query.invalid-operator', 'filter[value][about]'],
      ['/views/fact_sla_observation_v1?filter[observed_at][gte]=yesterday', 'query.invalid-value', 'filter[observed_at][gte]'],
      ['/views/fact_sla_observation_v1?sort=-colour', 'query.unknown-column', 'sort'],
      ['/views/fact_sla_observation_v1?cursor=abc', 'query.invalid-cursor', 'cursor'],
      ['/views/fact_sla_observation_v1?limit=5000', 'query.invalid-limit', 'limit'],
      ['/views/fact_sla_observation_v1?page=2', 'query.unknown-parameter', 'page'],
      ['/views/fact_sla_observation_v1?format=xml', 'query.invalid-format', 'format'],
      ['/views/dim_team_v1/sales?limit=1', 'query.unknown-parameter', 'limit'],
    ])('answers %s with a 400 problem %s naming %s', async (path, code, field) => {
      const response = await api.get(path).expect(400);
      expect(response.headers['content-type']).toContain(PROBLEM_CONTENT_TYPE);
      expect(response.body).toMatchObject({ status: 400, code, errors: [{ field, rule: code, message: expect.any(String) }] });
    });

    it('answers 406 when Accept names neither JSON nor CSV', async () => {
      const response = await api.get('/views/dim_team_v1').set('Accept', 'application/xml').expect(406);
      expect(response.body).toMatchObject({ code: 'query.not-acceptable' });
    });
  });
});
