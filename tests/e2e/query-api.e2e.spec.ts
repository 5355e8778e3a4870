/**
 * The query API end to end, on the built services: the ledger and the outbox relay
 * (`LedgerStack`), both projectors and the query API as child processes. The demo
 * quarter is loaded through the ledger; once the projectors have applied it, an
 * analyst's service account answers each sample question of DOMAIN.md over HTTP, and
 * a BI tool's login, created by the query API's script, reads the same views over SQL.
 */
import { randomBytes } from 'node:crypto';
import type { ProjectionLag } from '@ledger/projections';
import { projectorAcls, SERVICE_PRINCIPALS } from '@ledger/messaging';
import { grantTestAcls, revokeTestAcls, testKafkaBrokers, testKafkaPrincipalEnvironment, uniqueName } from '@ledger/testing';
import { Client, escapeIdentifier } from 'pg';
import { loadDemo } from '../../apps/cli/src/commands/demo/load-demo';
import { buildDemoDataset } from '../../apps/cli/src/demo/demo-dataset';
import { LedgerClient } from '../../apps/cli/src/ledger-client/ledger-client';
import { eventually } from '../support/eventually';
import { LedgerStack } from '../support/ledger-stack';
import { runBuiltScript, type CliRun } from '../support/ledgerctl';
import { builtEntryOf, ServiceProcess } from '../support/service-process';

jest.setTimeout(300_000);

type Row = Record<string, unknown>;

const PROJECTORS = {
  'ownership-projector': SERVICE_PRINCIPALS.ownershipProjector,
  'reporting-projector': SERVICE_PRINCIPALS.reportingProjector,
} as const;
type ProjectorApp = keyof typeof PROJECTORS;

describe('the query API, end to end on the demo quarter', () => {
  const dataset = buildDemoDataset(new Date(Math.floor(Date.now() / 1000) * 1000));
  const { calendar, now } = dataset;
  const projectors: ServiceProcess[] = [];
  let stack: LedgerStack;
  let queryApi: ServiceProcess;
  let acls: ReturnType<typeof projectorAcls>;

  const get = async (path: string, key = stack.keys.analyst): Promise<Response> =>
    fetch(`${queryApi.url}${path}`, { headers: { Authorization: `Bearer ${key}` } });
  const dataOf = async (path: string): Promise<Row[]> => {
    const response = await get(path);
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return ((await response.json()) as { data: Row[] }).data;
  };

  async function caughtUp(projector: ServiceProcess): Promise<void> {
    await eventually(async () => {
      const response = await fetch(`${projector.url}/projection/lag`, { headers: { Authorization: `Bearer ${stack.keys.analyst}` } });
      const lag = (await response.json()) as ProjectionLag;
      return response.ok && lag.events === 0 && lag.appliedPosition === lag.headPosition;
    }, `${projector.app} to apply the demo`);
  }

  beforeAll(async () => {
    stack = await LedgerStack.start('query-api');
    const groups = Object.fromEntries(Object.keys(PROJECTORS).map((app) => [app, uniqueName(app)])) as Record<ProjectorApp, string>;
    acls = Object.entries(PROJECTORS).flatMap(([app, principal]) =>
      projectorAcls(principal, { ledgerEventsTopic: stack.topics.ledgerEvents, groupId: groups[app as ProjectorApp] }),
    );
    await grantTestAcls(acls);
    for (const [app, principal] of Object.entries(PROJECTORS) as Array<[ProjectorApp, string]>) {
      projectors.push(
        await ServiceProcess.start({
          app,
          env: {
            DATABASE_URL: stack.database.url,
            KAFKA_BROKERS: testKafkaBrokers().join(','),
            LEDGER_EVENTS_TOPIC: stack.topics.ledgerEvents,
            PROJECTOR_GROUP: groups[app],
            ...testKafkaPrincipalEnvironment(principal),
          },
        }),
      );
    }
    queryApi = await ServiceProcess.start({ app: 'query-api', env: { DATABASE_URL: stack.database.url, RATE_LIMIT_PER_SECOND: '1000' } });
    await loadDemo(new LedgerClient(stack.ledger.url, stack.keys.publisher), dataset);
    for (const projector of projectors) await caughtUp(projector);
  });

  afterAll(async () => {
    await Promise.allSettled([queryApi?.stop(), ...projectors.map((projector) => projector.stop())]);
    if (acls) await revokeTestAcls(acls).catch(() => undefined);
    await stack?.stop();
  });

  it('answers only service accounts holding the analyst role', async () => {
    expect((await get('/views/dim_partnership_v1', stack.keys.publisher)).status).toBe(403);
    expect((await fetch(`${queryApi.url}/views/dim_partnership_v1`)).status).toBe(401);
    const demoPartnerships = dataset.partnerships.map((partnership) => partnership.partnershipId).sort();
    expect((await dataOf('/views/dim_partnership_v1')).map((row) => row.partnership_key)).toEqual(demoPartnerships);
  });

  it('says who is accountable for marketing technology investments in the Marketing-IT partnership, and since when', async () => {
    const [area] = await dataOf('/views/dim_decision_area_v1?filter[partnership_key]=mkt-it&filter[decision_area]=marketing-technology-investments');
    expect(area).toMatchObject({ accountable_team_key: expect.stringMatching(/^[a-z-]+$/), accountable_since: expect.stringMatching(/Z$/) });
  });

  it('lists the metrics Sales owns and which of their readings are off target', async () => {
    const metrics = await dataOf('/views/dim_metric_v1?filter[owner_team_key]=sales&filter[is_active]=true');
    expect(metrics.length).toBeGreaterThan(0);
    const keys = metrics.map((metric) => String(metric.metric_key));
    const offTarget = await dataOf(`/views/fact_metric_reading_v1?filter[metric_key][in]=${keys.join(',')}&filter[on_track]=false&limit=1000`);
    expect(offTarget.every((reading) => keys.includes(String(reading.metric_key)) && reading.on_track === false)).toBe(true);
    const readings = await dataOf(`/views/fact_metric_reading_v1?filter[metric_key][in]=${keys.join(',')}&filter[target][null]=false&limit=1000`);
    expect(readings.length).toBeGreaterThan(offTarget.length);
  });

  it("gives the share of MQLs Sales contacted within the SLA last month, per week", async () => {
    const lastMonth = calendar.periods('monthly').at(-2)!;
    const weeks = await dataOf(
      `/aggregates/sla-compliance?per=sla_key,week&filter[provider_team_key]=sales` +
        `&filter[observed_at][gte]=${lastMonth.start.toISOString()}&filter[observed_at][lt]=${lastMonth.end.toISOString()}`,
    );
    expect(weeks.length).toBeGreaterThanOrEqual(4);
    for (const week of weeks) expect(week).toMatchObject({ week: expect.stringMatching(/^\d{4}-W\d{2}$/), compliance: expect.any(Number) });
  });

  it('lists the overdue contributions by partner', async () => {
    const overdue = await dataOf('/views/fact_contribution_v1?filter[status]=overdue&sort=team_key');
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((row) => Number(row.days_past_due) > 0)).toBe(true);
  });

  it('finds no decision taken without the right to take it, the ledger having refused any', async () => {
    expect(await dataOf('/views/fact_decision_v1?filter[within_rights]=false')).toEqual([]);
    const perPartnership = await dataOf('/aggregates/decisions-within-rights?per=partnership_key');
    expect(perPartnership.length).toBeGreaterThan(0);
    expect(perPartnership.every((row) => row.outside_rights === 0 && Number(row.decisions) > 0)).toBe(true);
  });

  it('shows how the MQL-to-SQL conversion moved against target this quarter, and which MQL definitions were in force', async () => {
    const quarter = `filter[period_start][gte]=${calendar.start.toISOString().slice(0, 10)}`;
    const readings = await dataOf(`/views/fact_metric_reading_v1?filter[metric_id]=mql-to-sql-rate&${quarter}&sort=period_start`);
    expect(readings.length).toBeGreaterThan(1);
    expect(readings.every((row) => typeof row.attainment === 'number')).toBe(true);
    const definitions = await dataOf(
      `/views/dim_vocabulary_term_version_v1?filter[term]=mql&filter[valid_from][lt]=${now.toISOString()}&filter[valid_to][gt]=${calendar.start.toISOString()}`,
    );
    expect(definitions.length).toBeGreaterThan(0);
  });

  it('gives the agreement between Marketing and IT as it stood on a past day, exactly', async () => {
    const at = calendar.day(30).toISOString();
    const partnerships = await dataOf('/views/dim_partner_v1?filter[team_key]=it');
    const [version] = await dataOf(
      `/views/dim_agreement_version_v1?filter[partnership_key][in]=${partnerships.map((row) => row.partnership_key).join(',')}` +
        `&filter[valid_from][lte]=${at}&filter[valid_to][gt]=${at}`,
    );
    expect(version).toMatchObject({ partnership_key: 'mkt-it', scope: expect.objectContaining({ priorities: expect.any(Array) }) });
    const one = await get(`/views/dim_agreement_version_v1/${String(version.agreement_version_key)}`);
    expect(((await one.json()) as { data: Row }).data).toEqual(version);
  });

  it('exports a view as CSV', async () => {
    const response = await get('/views/fact_sla_observation_v1?format=csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const lines = (await response.text()).split('\r\n').filter(Boolean);
    expect(lines[0].startsWith('sla_observation_key,partnership_key,')).toBe(true);
    expect(lines.length - 1).toBe((await dataOf('/views/fact_sla_observation_v1?limit=1000')).length);
  });

  it("creates a BI tool's login with its script, which reads the views over SQL and nothing else", async () => {
    const login = `bi_e2e_${randomBytes(4).toString('hex')}`;
    const run = await runScript('create-bi-login', [login], { DATABASE_URL: stack.database.url });
    try {
      expect(run).toMatchObject({ exitCode: 0, stderr: '' });
      expect(run.stdout).toContain(`user      ${login}`);
      const password = /password {2}(\S+) {3}\(generated/.exec(run.stdout)?.[1];
      const url = new URL(stack.database.url);
      Object.assign(url, { username: login, password: password ?? '' });
      const tool = new Client({ connectionString: url.toString() });
      await tool.connect();
      try {
        expect((await tool.query('SELECT count(*)::int AS count FROM bi.fact_contribution_v1')).rows[0].count).toBeGreaterThan(0);
        await expect(tool.query('SELECT 1 FROM ledger.events LIMIT 1')).rejects.toMatchObject({ code: '42501' });
      } finally {
        await tool.end();
      }
    } finally {
      await dropRole(stack.database.url, login);
    }
  });
});

function runScript(script: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  return runBuiltScript(builtEntryOf('query-api').replace(/main\.js$/, `${script}.js`), args, { ...process.env, ...env });
}

async function dropRole(databaseUrl: string, role: string): Promise<void> {
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
  } finally {
    await admin.end();
  }
}
