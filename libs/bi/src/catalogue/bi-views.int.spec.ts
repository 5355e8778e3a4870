/**
 * The BI views over the realistic quarter: their keys are keys, the columns declared
 * never NULL hold a value, the facts computed from projection tables agree with the
 * projection's own views, and a row's ledger stamp moves whenever a later event
 * changes it (what incremental BI refreshes rely on).
 */
import { CADENCES, type EventEnvelope } from '@ledger/contracts';
import { escapeIdentifier } from 'pg';
import { alignmentQuarterHistory, MKT_SALES } from '../../../projections/src/testing';
import { openBiTestDatabase, type BiTestDatabase } from '../testing/bi-test-database';
import { BI_VIEWS } from './catalogue';
import { compositeKey } from './column';
import { END_OF_TIME } from './dimensions/versioned.dimensions';
import { periodEnd, periodLabel, periodStart } from './periods';

jest.setTimeout(120_000);

/** A target raised after March's reading was recorded: it changes that reading's fact row. */
const LATE_TARGET = {
  partnershipId: MKT_SALES,
  at: '2025-04-03T09:00:00Z',
  event: { type: 'MetricTargetSet', data: { metricId: 'mql-to-sql-rate', period: '2025-03', target: 30 } },
} as const;

describe('the BI views', () => {
  let database: BiTestDatabase;
  let history: EventEnvelope[];

  beforeAll(async () => {
    history = alignmentQuarterHistory([LATE_TARGET]);
    database = await openBiTestDatabase(history);
  });

  afterAll(() => database?.close());

  const rows = async <T>(sql: string, params: unknown[] = []) => (await database.pool.query(sql, params)).rows as T[];

  it.each(BI_VIEWS.map((view) => [view.name, view] as const))('%s has rows, and its key is unique and made of its parts', async (_name, view) => {
    const key = escapeIdentifier(view.key.column);
    const [counts] = await rows<{ total: number; keys: number; mismatched: number }>(
      `SELECT count(*)::int AS total, count(DISTINCT ${key})::int AS keys,
         count(*) FILTER (WHERE ${key}::text IS DISTINCT FROM ${compositeKey(...view.key.parts.map(escapeIdentifier))})::int AS mismatched
       FROM bi.${escapeIdentifier(view.name)}`,
    );
    expect(counts.total).toBeGreaterThan(0);
    expect(counts).toEqual({ total: counts.total, keys: counts.total, mismatched: 0 });
  });

  it.each(BI_VIEWS.map((view) => [view.name, view] as const))('%s has a value in every column it declares never NULL', async (_name, view) => {
    const required = view.columns.filter((column) => !column.nullable).map((column) => column.name);
    const checks = required.map((name) => `count(*) FILTER (WHERE ${escapeIdentifier(name)} IS NULL)::int AS ${escapeIdentifier(name)}`);
    const [nulls] = await rows<Record<string, number>>(`SELECT ${checks.join(', ')} FROM bi.${escapeIdentifier(view.name)}`);
    expect(Object.entries(nulls).filter(([, count]) => count > 0)).toEqual([]);
  });

  it('computes every metric reading as the reporting projection does: value, target, attainment, on track, vocabulary version', async () => {
    const columns = 'partnership_id, metric_id, period, reading_id, value, target, attainment, on_track, vocabulary_version';
    const projection = await rows(`SELECT ${columns} FROM reporting.metric_attainment ORDER BY 1, 2, 3`);
    const bi = await rows(
      `SELECT partnership_key AS partnership_id, metric_id, period, reading_id, value, target, attainment, on_track, vocabulary_version
       FROM bi.fact_metric_reading_v1 ORDER BY 1, 2, 3`,
    );
    expect(bi).toEqual(projection);
    expect(bi.length).toBeGreaterThan(10);
  });

  it('places every SLA observation in the compliance period the reporting projection places it in', async () => {
    const projection = await rows(
      `SELECT partnership_id, observation_id, period, period_start, period_end FROM reporting.sla_observation_facts ORDER BY 1, 2`,
    );
    const bi = await rows(
      `SELECT partnership_key AS partnership_id, observation_id, period, period_start, period_end FROM bi.fact_sla_observation_v1 ORDER BY 1, 2`,
    );
    expect(bi).toEqual(projection);
  });

  it.each(CADENCES.map((cadence) => [cadence]))('computes %s periods as the projection\'s period functions do, on every day of two years', async (cadence) => {
    const [differences] = await rows<{ count: number }>(
      `SELECT count(*)::int AS count FROM generate_series('2024-01-01T13:00:00Z'::timestamptz, '2025-12-31T13:00:00Z', '1 day') AS t(at)
       WHERE (${periodLabel('$1::text', 't.at')}, ${periodStart('$1::text', 't.at')}, ${periodEnd('$1::text', 't.at')})
         IS DISTINCT FROM (reporting.period_of($1, t.at), reporting.period_start_of($1, t.at), reporting.period_end_of($1, t.at))`,
      [cadence],
    );
    expect(differences.count).toBe(0);
  });

  it('dates agreement versions as the ownership projection does, with the end of time for the version in force', async () => {
    const projection = await rows(
      `SELECT partnership_id, agreement_version, valid_from,
         CASE WHEN valid_from IS NOT NULL THEN coalesce(valid_to, $1::timestamptz) END AS valid_to,
         in_force AS is_current, array_to_string(signed_by, ',') AS signed_by
       FROM ownership.agreement_version_history ORDER BY 1, 2`,
      [END_OF_TIME],
    );
    const bi = await rows(
      `SELECT partnership_key AS partnership_id, agreement_version, valid_from, valid_to, is_current, signed_by_team_keys AS signed_by
       FROM bi.dim_agreement_version_v1 ORDER BY 1, 2`,
    );
    expect(bi).toEqual(projection);
  });

  it("stamps a reading's fact row with a target set after the reading, so an incremental refresh sees the new attainment", async () => {
    const lateTarget = history.find((event) => event.type === 'MetricTargetSet' && event.occurredAt.startsWith('2025-04-03')) as EventEnvelope;
    const [row] = await rows<{ target: string; ledger_position: string; occurred_at: Date }>(
      `SELECT target, ledger_position, occurred_at FROM bi.fact_metric_reading_v1 WHERE metric_reading_key = $1`,
      [`${MKT_SALES}~mql-to-sql-rate~2025-03`],
    );
    expect(row).toEqual({ target: '30', ledger_position: String(lateTarget.globalPosition), occurred_at: new Date(lateTarget.occurredAt) });
  });

  it('stamps a superseded agreement version with the activation of the version that superseded it', async () => {
    const activations = history.filter((event) => event.type === 'AgreementActivated' && event.streamId === `partnership-${MKT_SALES}`);
    const [first] = await rows<{ ledger_position: string; valid_to: Date }>(
      `SELECT ledger_position, valid_to FROM bi.dim_agreement_version_v1 WHERE agreement_version_key = $1`,
      [`${MKT_SALES}~1`],
    );
    const second = activations[1];
    expect(first).toEqual({ ledger_position: String(second.globalPosition), valid_to: new Date(second.occurredAt) });
  });

  it('labels calendar days with the ISO week, month and quarter in the ledger\'s period notation', async () => {
    const days = await rows(
      `SELECT to_char(date_key, 'YYYY-MM-DD') AS day, iso_week, month, quarter, iso_day_of_week, is_weekend
       FROM bi.dim_date_v1 WHERE date_key IN ('2024-12-30', '2025-03-01') ORDER BY date_key`,
    );
    expect(days).toEqual([
      { day: '2024-12-30', iso_week: '2025-W01', month: '2024-12', quarter: '2024-Q4', iso_day_of_week: 1, is_weekend: false },
      { day: '2025-03-01', iso_week: '2025-W09', month: '2025-03', quarter: '2025-Q1', iso_day_of_week: 6, is_weekend: true },
    ]);
  });
});
