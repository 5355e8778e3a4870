/**
 * The sample questions of DOMAIN.md, each answered by one SQL query over the ownership
 * and reporting views: the proof that the views answer what people ask, and the queries
 * the README, the query API and BI users can start from.
 *
 * Every query reads only the documented views (never base tables), by their live schema
 * names, so it keeps working across rebuilds. What a question leaves open (which
 * partnership, which month, which date) is a positional parameter (`$1`, `$2`, ...),
 * described in `parameters` in order, with the value DOMAIN.md's wording implies as
 * its example. Periods are half-open: from the first instant up to, not including, the last.
 */
import { OWNERSHIP_SCHEMA } from '../ownership/ownership.projection';
import { REPORTING_SCHEMA } from '../reporting/reporting.projection';

export interface SampleQuestionParameter {
  readonly name: string;
  readonly description: string;
  readonly example: string;
}

export interface SampleQuestion {
  readonly key: string;
  /** As DOMAIN.md asks it. */
  readonly question: string;
  /** How to read the rows the query returns. */
  readonly answer: string;
  /** `$1`, `$2`, ... in this order. */
  readonly parameters: readonly SampleQuestionParameter[];
  readonly sql: string;
}

const own = (view: string) => `${OWNERSHIP_SCHEMA}.${view}`;
const rep = (view: string) => `${REPORTING_SCHEMA}.${view}`;

const partnership = (example: string) => ({ name: 'partnershipId', description: 'The partnership asked about.', example });
const team = (name: string, example: string) => ({ name, description: 'A team id: marketing, sales, it, finance, ...', example });
const instant = (name: string, description: string, example: string) => ({ name, description: `${description} (ISO 8601, UTC).`, example });

export const SAMPLE_QUESTIONS: readonly SampleQuestion[] = [
  {
    key: 'accountable-since',
    question: 'Who is accountable for "marketing technology investments" in the Marketing-IT partnership, and since when?',
    answer: 'One row per team holding the Accountable role in the area now (the agreement allows exactly one), with held_since.',
    parameters: [partnership('mkt-it'), { name: 'decisionArea', description: 'The decision area.', example: 'marketing-technology-investments' }],
    sql: `SELECT r.partnership_id, r.decision_area, r.team_id AS accountable_team, r.held_since
FROM ${own('decision_rights_held')} r
WHERE r.partnership_id = $1 AND r.decision_area = $2 AND r.role = 'accountable'
ORDER BY r.team_id`,
  },
  {
    key: 'metrics-owned-off-target',
    question: 'Which metrics does Sales own across all partnerships, and which are off target?',
    answer:
      "One row per active metric the team owns, with its latest period that has a reading and a target; off_target is true " +
      'when that reading misses the target given the direction, NULL when the metric has no such reading yet.',
    parameters: [team('ownerTeamId', 'sales')],
    sql: `SELECT m.partnership_id, m.metric_id, m.name, m.owner_since, latest.period, latest.value, latest.target,
  latest.attainment, NOT latest.on_track AS off_target
FROM ${own('metric_ownership')} m
LEFT JOIN LATERAL (
  SELECT a.period, a.value, a.target, a.attainment, a.on_track FROM ${rep('metric_attainment')} a
  WHERE a.partnership_id = m.partnership_id AND a.metric_id = m.metric_id AND a.target IS NOT NULL
  ORDER BY a.period_start DESC LIMIT 1
) latest ON true
WHERE m.owner_team_id = $1 AND m.active
ORDER BY off_target DESC NULLS LAST, m.partnership_id, m.metric_id`,
  },
  {
    key: 'sla-share-per-week',
    question: 'What share of MQLs did Sales contact within the SLA last month, per week?',
    answer:
      'One row per weekly SLA the team provides and ISO week overlapping the month: observations, met, breaches, ' +
      'compliance (the share met) against the compliance target.',
    parameters: [
      team('providerTeamId', 'sales'),
      instant('monthStart', 'First instant of the month', '2025-02-01T00:00:00Z'),
      instant('monthEnd', 'First instant of the next month', '2025-03-01T00:00:00Z'),
    ],
    sql: `SELECT c.partnership_id, c.sla_id, c.sla_name, c.period AS week, c.period_start, c.observations, c.met, c.breaches,
  c.compliance, c.compliance_target, c.meets_target
FROM ${rep('sla_compliance')} c
WHERE c.provider_team_id = $1 AND c.compliance_period = 'weekly'
  AND c.period_start < $3::timestamptz AND c.period_end > $2::timestamptz
ORDER BY c.partnership_id, c.sla_id, c.period_start`,
  },
  {
    key: 'overdue-contributions',
    question: 'Which contributions are overdue, by partner?',
    answer: 'One row per contribution whose due date has passed undelivered (and not withdrawn), grouped by the partner who owes it.',
    parameters: [],
    sql: `SELECT c.team_id AS partner, c.partnership_id, c.contribution_id, c.kind, c.description, c.due_date, c.days_past_due
FROM ${own('contribution_status')} c
WHERE c.status = 'overdue'
ORDER BY c.team_id, c.due_date, c.partnership_id`,
  },
  {
    key: 'decisions-outside-rights',
    question: 'Which decisions were taken by someone without the right to take them?',
    answer:
      'One row per partnership with recorded decisions: how many were checked against the decision rights as they stood, ' +
      'and the ones taken outside them (the ledger refuses such decisions, so this list stays empty unless one got past it).',
    parameters: [],
    sql: `SELECT a.partnership_id, count(*) AS decisions_checked,
  count(*) FILTER (WHERE NOT a.within_rights) AS outside_rights,
  coalesce(jsonb_agg(jsonb_build_object('decision_id', a.decision_id, 'decision_area', a.decision_area,
    'decided_by', a.decided_by, 'decided_at', a.decided_at, 'rights_held', a.rights_held)
    ORDER BY a.last_position) FILTER (WHERE NOT a.within_rights), '[]'::jsonb) AS decisions_outside_rights
FROM ${rep('decision_audit')} a
GROUP BY a.partnership_id
ORDER BY a.partnership_id`,
  },
  {
    key: 'conversion-against-target',
    question: 'How did the MQL-to-SQL conversion move against target this quarter, and was the definition of MQL the same all quarter?',
    answer:
      'One row per period of the metric in the quarter: value, target, attainment, on track and trend; definitions_in_force ' +
      'lists the versions of the term in force at any time in the quarter (one version: the definition stayed the same).',
    parameters: [
      { name: 'metricId', description: 'The conversion metric.', example: 'mql-to-sql-rate' },
      { name: 'term', description: 'The vocabulary term whose definition is asked about.', example: 'mql' },
      instant('quarterStart', 'First instant of the quarter', '2025-01-01T00:00:00Z'),
      instant('quarterEnd', 'First instant of the next quarter', '2025-04-01T00:00:00Z'),
    ],
    sql: `SELECT a.partnership_id, a.metric_id, a.period, a.value, a.target, a.attainment, a.on_track, a.trend,
  ARRAY(SELECT v.version FROM ${rep('vocabulary_term_versions')} v
    WHERE v.partnership_id = a.partnership_id AND v.term = $2
      AND v.valid_from < $4::timestamptz AND (v.valid_to IS NULL OR v.valid_to > $3::timestamptz)
    ORDER BY v.version) AS definitions_in_force
FROM ${rep('metric_attainment')} a
WHERE a.metric_id = $1 AND a.period_start >= $3::timestamptz AND a.period_start < $4::timestamptz
ORDER BY a.partnership_id, a.period_start`,
  },
  {
    key: 'agreement-as-of',
    question: 'What did the agreement between Marketing and Finance say on 1 March, exactly?',
    answer:
      'The agreement version in force at that instant in every partnership of both teams: its full scope, who signed it, ' +
      'and when it came into and went out of force.',
    parameters: [team('teamId', 'marketing'), team('otherTeamId', 'finance'), instant('at', 'The moment asked about', '2025-03-01T00:00:00Z')],
    sql: `SELECT h.partnership_id, h.agreement_version, h.scope, h.amendment_reason, h.signed_by, h.valid_from, h.valid_to
FROM ${own('agreement_version_history')} h
WHERE h.valid_from <= $3::timestamptz AND (h.valid_to IS NULL OR h.valid_to > $3::timestamptz)
  AND EXISTS (SELECT 1 FROM ${own('partnership_partners')} p WHERE p.partnership_id = h.partnership_id AND p.team_id = $1)
  AND EXISTS (SELECT 1 FROM ${own('partnership_partners')} p WHERE p.partnership_id = h.partnership_id AND p.team_id = $2)
ORDER BY h.partnership_id`,
  },
];

export function sampleQuestion(key: string): SampleQuestion {
  const found = SAMPLE_QUESTIONS.find((question) => question.key === key);
  if (!found) throw new Error(`There is no sample question "${key}".`);
  return found;
}
