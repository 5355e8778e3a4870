/**
 * How fast the query API answers as history grows: a year of ledger history (1,002,000
 * events by default) written into the projection tables, then each documented, indexed
 * query timed over HTTP through the query API (in process, authenticated, JSON) and
 * directly in SQL as the BI role (the very statement the API runs), with EXPLAIN
 * ANALYZE of each saved beside the figures. A benchmark, not a test: it prints and
 * writes what it measured, and asserts nothing.
 *
 *   npm run build && npx swc tests/benchmarks -d dist --quiet \
 *     && node dist/tests/benchmarks/query-api.bench.js [partnerships=1000] [runs=50] [results file]
 *
 * It creates (and drops, unless KEEP_DATABASE=1) its own database on the server of
 * TEST_DATABASE_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadAuthSettings } from '@ledger/auth';
import { aggregateSource, createBiReadPool, findAggregate, findBiView, listStatement, migrateBi, parseListQuery, viewSource, type QuerySource } from '@ledger/bi';
import { createTestDatabase, createTestPool } from '@ledger/testing';
import type { Pool } from 'pg';
import { provisionTestAccounts } from '../../libs/auth/src/testing/test-accounts';
import { createQueryApiApp } from '../../apps/query-api/src/query-api.app';
import { loadQueryApiConfig } from '../../apps/query-api/src/query-api.config';
import { EVENTS_PER_PARTNERSHIP, OBSERVATIONS_PER_PARTNERSHIP, partnershipId, writeHistory } from './query-api.history';

interface Scenario {
  readonly name: string;
  readonly path: string;
}

interface Timing {
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

interface Measurement {
  readonly scenario: Scenario;
  readonly rows: number;
  readonly api: Timing;
  readonly sql: Timing | null;
  readonly plan: string | null;
}

const [partnerships = 1000, runs = 50] = process.argv.slice(2, 4).map(Number);
const resultsFile = process.argv[4] ?? join(process.cwd(), 'tests', 'benchmarks', 'query-api.results.md');
const WARM_UP_RUNS = 3;

function scenarios(lastPosition: number, middleCursor: string): Scenario[] {
  const middle = partnershipId(Math.floor(partnerships / 2));
  return [
    { name: 'SLA observations of one partnership in one month', path: `/views/fact_sla_observation_v1?filter[partnership_key]=${middle}&filter[observed_at][gte]=2025-08-01&filter[observed_at][lt]=2025-09-01` },
    { name: 'SLA observations of every partnership on one day, by time', path: '/views/fact_sla_observation_v1?filter[observed_at][gte]=2025-08-01&filter[observed_at][lt]=2025-08-02&sort=observed_at' },
    { name: 'SLA observations: a page deep in key order (cursor)', path: `/views/fact_sla_observation_v1?cursor=${middleCursor}` },
    { name: 'Incremental refresh: 1000 changes after a ledger position', path: `/views/fact_sla_observation_v1?filter[ledger_position][gt]=${lastPosition - 200_000}&sort=ledger_position&limit=1000` },
    { name: 'Readings of one metric of one partnership, by period', path: `/views/fact_metric_reading_v1?filter[partnership_key]=${middle}&filter[metric_id]=metric-1&sort=period_start` },
    { name: 'Readings off track in one partnership', path: `/views/fact_metric_reading_v1?filter[partnership_key]=${middle}&filter[on_track]=false` },
    { name: 'Overdue contributions of one team, by partner', path: '/views/fact_contribution_v1?filter[team_key]=sales&filter[status]=overdue' },
    { name: 'Decisions of one partnership outside rights', path: `/views/fact_decision_v1?filter[partnership_key]=${middle}&filter[within_rights]=false` },
    { name: 'Metrics one team owns', path: '/views/dim_metric_v1?filter[owner_team_key]=sales' },
    { name: 'One reading by its key', path: `/views/fact_metric_reading_v1/${middle}~metric-1~2025-W27` },
    { name: 'Agreement in force at an instant, one partnership', path: `/views/dim_agreement_version_v1?filter[partnership_key]=${middle}&filter[valid_from][lte]=2025-06-01T00:00:00Z&filter[valid_to][gt]=2025-06-01T00:00:00Z` },
    { name: 'SLA compliance per week, one partnership (aggregate)', path: `/aggregates/sla-compliance?per=sla_key,week&filter[partnership_key]=${middle}` },
  ];
}

/** The SQL the API runs for a list path; null for a row by its key. */
function statementOf(path: string): { text: string; values: unknown[] } | null {
  const url = new URL(path, 'http://bench.invalid');
  const [, kind, name, id] = url.pathname.split('/');
  if (id !== undefined) return null;
  const source: QuerySource = kind === 'views' ? viewSource(findBiView(name)!) : aggregateSource(findAggregate(name)!, url.searchParams.get('per'));
  const query = parseListQuery(source, url.searchParams, { format: 'json', routeParameters: ['per'] });
  return listStatement(source, query, (query.limit ?? 100) + 1);
}

async function time(run: () => Promise<unknown>): Promise<Timing> {
  for (let warmUp = 0; warmUp < WARM_UP_RUNS; warmUp += 1) await run();
  const samples: number[] = [];
  for (let index = 0; index < runs; index += 1) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor((samples.length - 1) * 0.5)], p95: samples[Math.ceil((samples.length - 1) * 0.95)], max: samples[samples.length - 1] };
}

async function measure(scenario: Scenario, baseUrl: string, key: string, bi: Pool): Promise<Measurement> {
  const call = async () => {
    const response = await fetch(`${baseUrl}${scenario.path}`, { headers: { Authorization: `Bearer ${key}` } });
    if (!response.ok) throw new Error(`${scenario.path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { data: unknown };
  };
  const body = await call();
  const rows = Array.isArray(body.data) ? body.data.length : 1;
  const api = await time(call);
  const statement = statementOf(scenario.path);
  if (!statement) return { scenario, rows, api, sql: null, plan: null };
  const sql = await time(() => bi.query(statement.text, statement.values));
  const explained = await bi.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
  const plan = (explained.rows as Array<{ 'QUERY PLAN': string }>).map((row) => row['QUERY PLAN']).join('\n');
  return { scenario, rows, api, sql, plan };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

function report(measurements: Measurement[], context: string[]): string {
  const table = [
    '| query | rows | API p50 | API p95 | SQL p50 | SQL p95 |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...measurements.map(({ scenario, rows, api, sql }) =>
      `| ${scenario.name} | ${rows} | ${ms(api.p50)} | ${ms(api.p95)} | ${sql ? ms(sql.p50) : 'n/a'} | ${sql ? ms(sql.p95) : 'n/a'} |`,
    ),
  ];
  const plans = measurements.flatMap(({ scenario, plan }) =>
    plan ? [`### ${scenario.name}`, '', `\`GET ${scenario.path}\``, '', '```', plan, '```', ''] : [],
  );
  return ['# Query API benchmark', '', ...context, '', ...table, '', '## EXPLAIN (ANALYZE, BUFFERS) of each statement', '', ...plans].join('\n');
}

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  const database = await createTestDatabase('al_bench_query');
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const owner = createTestPool(database.url, 1);
  const bi = createBiReadPool({ databaseUrl: database.url, max: 2, statementTimeoutMs: 60_000, applicationName: 'query-api-bench' });
  let app: Awaited<ReturnType<typeof createQueryApiApp>> | undefined;
  try {
    log(`Database ${database.name}: writing ${partnerships} partnerships x ${EVENTS_PER_PARTNERSHIP} events = ${partnerships * EVENTS_PER_PARTNERSHIP} events...`);
    await migrateBi(database.url);
    const started = performance.now();
    await writeHistory((sql, params) => owner.query(sql, params), partnerships, (table) => log(`  ${table}`));
    log(`History written in ${((performance.now() - started) / 1000).toFixed(0)} s.`);

    const { analyst } = await provisionTestAccounts(database.url, { analyst: { roles: ['analyst'] } });
    const auth = loadAuthSettings({ RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' });
    app = await createQueryApiApp(loadQueryApiConfig({ DATABASE_URL: database.url, QUERY_STATEMENT_TIMEOUT_MS: '60000' }), auth);
    await app.listen(0, '127.0.0.1');
    const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');

    const { rows: [head] } = await owner.query('SELECT max(last_position)::bigint AS position FROM reporting.sla_observations');
    const middle = await fetch(`${baseUrl}/views/fact_sla_observation_v1?filter[partnership_key][gte]=${partnershipId(Math.floor(partnerships / 2))}&limit=1`, {
      headers: { Authorization: `Bearer ${analyst}` },
    });
    const { nextCursor } = (await middle.json()) as { nextCursor: string };
    const measurements: Measurement[] = [];
    for (const scenario of scenarios(Number(head.position), nextCursor)) {
      const measurement = await measure(scenario, baseUrl, analyst, bi);
      measurements.push(measurement);
      log(`  ${scenario.name}: ${measurement.rows} rows, API p50 ${ms(measurement.api.p50)} p95 ${ms(measurement.api.p95)}` +
        (measurement.sql ? `, SQL p50 ${ms(measurement.sql.p50)} p95 ${ms(measurement.sql.p95)}` : ''));
    }
    const { rows: [version] } = await owner.query('SHOW server_version');
    const context = [
      `Measured ${new Date().toISOString()} on ${cpus().length} vCPUs (${cpus()[0]?.model ?? 'unknown CPU'}), load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}, PostgreSQL ${version.server_version} on the same host.`,
      `History: ${partnerships} partnerships x ${EVENTS_PER_PARTNERSHIP} events = ${partnerships * EVENTS_PER_PARTNERSHIP} events ` +
        `(${partnerships * OBSERVATIONS_PER_PARTNERSHIP} SLA observations, ${partnerships * 192} readings and as many targets, ...), written into the projection tables by tests/benchmarks/query-api.history.ts.`,
      `Each query: ${WARM_UP_RUNS} warm-up runs, then ${runs} timed runs, one at a time. API = HTTP GET to the query API in process ` +
        '(authenticated, JSON, 100 rows a page unless limited) measured by the client; SQL = the statement the API runs, as the BI role, on a pooled connection.',
    ];
    writeFileSync(resultsFile, `${report(measurements, context)}\n`);
    log(`Figures and plans written to ${resultsFile}.`);
  } finally {
    await app?.close();
    await bi.end();
    await owner.end();
    if (process.env.KEEP_DATABASE === '1') log(`Kept database ${database.name}.`);
    else await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`query-api benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
