/**
 * A year of ledger history for the query API benchmark, written straight into the
 * projection tables with generate_series (projecting a million events through the
 * applier would take the benchmark an hour on this machine; the views cannot tell the
 * difference). Each partnership stands for 1,002 events, numbered k = 0..1001 in its
 * own order; event k of partnership p has ledger position k * P + p + 1 and happens
 * k * 525 minutes (plus p seconds) into 2025, so positions and times interleave the
 * partnerships as a real ledger would:
 *
 *   k 0-6      proposal, scope, four signatures, activation (4 partners)
 *   k 7-10     two vocabulary terms, two versions each
 *   k 11-34    RACI: 6 decision areas x 4 teams
 *   k 35-40    6 metrics (3 weekly, 3 monthly); k 41-42: 2 SLAs
 *   k 43-426   a target and a reading per metric period (192 periods)
 *   k 427-926  500 SLA observations
 *   k 927-961  20 contributions committed, 15 of them delivered
 *   k 962-1001 40 decisions
 */
import type { QueryFunction } from '@ledger/projections';

export const EVENTS_PER_PARTNERSHIP = 1_002;
export const TEAMS = ['marketing', 'sales', 'it', 'finance'];
export const WEEKLY_METRICS = 3;
export const OBSERVATIONS_PER_PARTNERSHIP = 500;

/** The partnership id of index p: p-00042. */
export function partnershipId(index: number): string {
  return `p-${String(index).padStart(5, '0')}`;
}

/** Fills every projection table for `partnerships` partnerships, telling `onTable` as each is written. */
export async function writeHistory(query: QueryFunction, partnerships: number, onTable: (table: string) => void): Promise<void> {
  await query('SET synchronous_commit = off', []);
  for (const [table, statement] of Object.entries(statements(partnerships))) {
    await query(statement, []);
    onTable(table);
  }
  await query('ANALYZE', []);
}

/** The business time of event k of partnership p (SQL expressions). */
function at(k: string): string {
  return `('2025-01-01T00:00:00Z'::timestamptz + (${k}) * interval '525 minutes' + p * interval '1 second')`;
}

/** The stamp columns of a row last changed by event k of partnership p. */
function stamp(partnerships: number, k: string): string {
  return `(${k}) * ${partnerships}::bigint + p + 1 AS last_position, ${at(k)} AS occurred_at, ${at(k)} + interval '1 second' AS recorded_at`;
}

const id = `'p-' || lpad(p::text, 5, '0')`;
const team = (index: string) => `(ARRAY['${TEAMS.join("','")}'])[(${index}) % 4 + 1]`;

function statements(n: number): Record<string, string> {
  const each = `generate_series(0, ${n - 1}) AS p`;
  const both = (table: string, sql: (schema: string) => string) => ({
    [`ownership.${table}`]: sql('ownership'),
    [`reporting.${table}`]: sql('reporting'),
  });
  return {
    ...both('partnerships', (s) => `INSERT INTO ${s}.partnerships SELECT ${id}, 'Partnership ' || p, NULL, 'marketing', ${at('0')},
      'proposed', ${at('0')}, NULL, 1, ${at('1')}, 1, ${at('6')}, ${stamp(n, '6')} FROM ${each}`),
    ...both('partners', (s) => `INSERT INTO ${s}.partners SELECT ${id}, ${team('t')}, initcap(${team('t')}), ${at('0')}, ${stamp(n, '0')}
      FROM ${each}, generate_series(0, 3) AS t`),
    'ownership.agreement_versions': `INSERT INTO ownership.agreement_versions SELECT ${id}, 1,
      jsonb_build_object('priorities', jsonb_build_array('Grow pipeline ' || p), 'evaluationProcess', 'Monthly review'), NULL,
      ${at('1')}, ${at('6')}, ${stamp(n, '6')} FROM ${each}`,
    'ownership.agreement_signatures': `INSERT INTO ownership.agreement_signatures SELECT ${id}, 1, ${team('t')}, 'Head of ' || ${team('t')},
      ${at('2 + t')}, ${stamp(n, '2 + t')} FROM ${each}, generate_series(0, 3) AS t`,
    'reporting.vocabulary_versions': `INSERT INTO reporting.vocabulary_versions SELECT ${id}, (ARRAY['mql', 'sql'])[v / 2 + 1], v % 2 + 1,
      'Definition ' || v, CASE WHEN v % 2 = 1 THEN 'Revised' END, ${at('7 + v')}, ${stamp(n, '7 + v')} FROM ${each}, generate_series(0, 3) AS v`,
    ...both('decision_rights', (s) => `INSERT INTO ${s}.decision_rights SELECT ${id}, 'area-' || a, ${team('t')},
      (ARRAY['responsible', 'accountable', 'consulted', 'informed'])[(t + a) % 4 + 1], true, ${at('11 + a * 4 + t')}, NULL, NULL,
      ${stamp(n, '11 + a * 4 + t')} FROM ${each}, generate_series(0, 5) AS a, generate_series(0, 3) AS t`),
    ...both('decision_right_changes', (s) => `INSERT INTO ${s}.decision_right_changes SELECT ${id}, 'area-' || a, ${team('t')},
      (ARRAY['responsible', 'accountable', 'consulted', 'informed'])[(t + a) % 4 + 1], 'assigned', NULL, ${stamp(n, '11 + a * 4 + t')}
      FROM ${each}, generate_series(0, 5) AS a, generate_series(0, 3) AS t`),
    ...both('metrics', (s) => `INSERT INTO ${s}.metrics SELECT ${id}, 'metric-' || m, 'Metric ' || m, 'Counted in the CRM', ${team('m')},
      ${at('35 + m')}, CASE WHEN m % 2 = 0 THEN 'leading' ELSE 'lagging' END, 'leads',
      CASE WHEN m = 2 THEN 'lower-is-better' ELSE 'higher-is-better' END, CASE WHEN m < ${WEEKLY_METRICS} THEN 'weekly' ELSE 'monthly' END,
      CASE WHEN m = 0 THEN 'mql' END, ${at('35 + m')}, NULL, NULL, ${stamp(n, '35 + m')} FROM ${each}, generate_series(0, 5) AS m`),
    ...both('metric_ownership_changes', (s) => `INSERT INTO ${s}.metric_ownership_changes SELECT ${id}, 'metric-' || m, NULL, ${team('m')}, NULL,
      ${stamp(n, '35 + m')} FROM ${each}, generate_series(0, 5) AS m`),
    ...both('metric_targets', (s) => `INSERT INTO ${s}.metric_targets SELECT ${id}, 'metric-' || m, period, period_start, period_end,
      100 + m * 10, ${stamp(n, '43 + 2 * i')} FROM ${each}, (${metricPeriods()}) periods`),
    'reporting.readings': `INSERT INTO reporting.readings SELECT ${id}, 'r-' || m || '-' || period, 'metric-' || m, period, period_start,
      period_end, 80 + (p * 7 + i * 13) % 50, 80 + (p * 7 + i * 13) % 50, CASE WHEN m = 0 THEN 1 END, ${at('44 + 2 * i')},
      (44 + 2 * i) * ${n}::bigint + p + 1, NULL, NULL, ${stamp(n, '44 + 2 * i')} FROM ${each}, (${metricPeriods()}) periods`,
    'reporting.reading_history': `INSERT INTO reporting.reading_history SELECT ${id}, 'r-' || m || '-' || period, 'metric-' || m, period,
      'recorded', 80 + (p * 7 + i * 13) % 50, NULL, NULL, CASE WHEN m = 0 THEN 1 END, ${stamp(n, '44 + 2 * i')}
      FROM ${each}, (${metricPeriods()}) periods`,
    'reporting.slas': `INSERT INTO reporting.slas SELECT ${id}, (ARRAY['first-contact', 'monthly-volume'])[s + 1],
      'SLA ' || s, (ARRAY['sales', 'marketing'])[s + 1], (ARRAY['marketing', 'sales'])[s + 1], 'Hours to first contact', 'hours',
      'at-most', 1, 0.9, (ARRAY['weekly', 'monthly'])[s + 1], ${at('41 + s')}, ${stamp(n, '41 + s')} FROM ${each}, generate_series(0, 1) AS s`,
    'reporting.sla_observations': `INSERT INTO reporting.sla_observations SELECT ${id}, 'o-' || lpad(o::text, 3, '0'),
      (ARRAY['first-contact', 'monthly-volume'])[o % 2 + 1], ((p * 31 + o * 17) % 300) / 100.0, ((p * 31 + o * 17) % 300) <= 100,
      'lead-' || o, ${at('427 + o')}, ${stamp(n, '427 + o')} FROM ${each}, generate_series(0, ${OBSERVATIONS_PER_PARTNERSHIP - 1}) AS o`,
    ...both('contributions', (s) => `INSERT INTO ${s}.contributions SELECT ${id}, 'c-' || c, ${team('c')}, 'process', 'Contribution ' || c,
      NULL, NULL, (${at('927 + c')} AT TIME ZONE 'UTC')::date + 30, ${at('927 + c')},
      CASE WHEN c < 15 THEN ${at('947 + c')} END, CASE WHEN c < 15 THEN '[{"description": "done"}]'::jsonb END, NULL, NULL,
      ${stamp(n, 'CASE WHEN c < 15 THEN 947 + c ELSE 927 + c END')} FROM ${each}, generate_series(0, 19) AS c`),
    'reporting.decisions': `INSERT INTO reporting.decisions SELECT ${id}, 'd-' || d, 'area-' || d % 6, ${team('d')}, 'responsible',
      'Decision ' || d, NULL, ${at('962 + d')}, ${stamp(n, '962 + d')} FROM ${each}, generate_series(0, 39) AS d`,
  };
}

/** Every (metric m, period) pair with its index i (0..191): 52 ISO weeks of 2025 for weekly metrics, 12 months for monthly ones. */
function metricPeriods(): string {
  return `SELECT m, i, period, period_start, period_end FROM (
    SELECT m, m * 52 + w - 1 AS i, '2025-W' || lpad(w::text, 2, '0') AS period,
      date '2024-12-30' + (w - 1) * 7 AS period_start, date '2024-12-30' + w * 7 AS period_end
    FROM generate_series(0, ${WEEKLY_METRICS - 1}) AS m, generate_series(1, 52) AS w
    UNION ALL
    SELECT m, ${WEEKLY_METRICS * 52} + (m - ${WEEKLY_METRICS}) * 12 + month - 1, '2025-' || lpad(month::text, 2, '0'),
      make_date(2025, month, 1), (make_date(2025, month, 1) + interval '1 month')::date
    FROM generate_series(${WEEKLY_METRICS}, 5) AS m, generate_series(1, 12) AS month
  ) periods`;
}
