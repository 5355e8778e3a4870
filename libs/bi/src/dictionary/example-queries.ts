/**
 * The sample questions of DOMAIN.md, answered in SQL over the BI views alone: what a
 * BI user can paste and adapt. Same shape as the projections' `SAMPLE_QUESTIONS`
 * (positional parameters, each with an example); rendered into the data dictionary,
 * and run by an integration test as the BI role against the realistic quarter.
 */
import type { SampleQuestion } from '@ledger/projections';

const partnership = (example: string) => ({ name: 'partnershipKey', description: 'The partnership asked about.', example });
const team = (name: string, example: string) => ({ name, description: 'A team key: marketing, sales, it, finance, ...', example });
const instant = (name: string, description: string, example: string) => ({ name, description: `${description} (ISO 8601, UTC).`, example });

export const BI_EXAMPLE_QUERIES: readonly SampleQuestion[] = [
  {
    key: 'accountable-since',
    question: 'Who is accountable for "marketing technology investments" in the Marketing-IT partnership, and since when?',
    answer: 'The decision area with its Accountable team (the agreement names exactly one) and since when it holds the right.',
    parameters: [partnership('mkt-it'), { name: 'decisionArea', description: 'The decision area.', example: 'marketing-technology-investments' }],
    sql: `SELECT a.partnership_key, a.decision_area, a.accountable_team_key, a.accountable_since
FROM bi.dim_decision_area_v1 a
WHERE a.partnership_key = $1 AND a.decision_area = $2`,
  },
  {
    key: 'metrics-owned-off-target',
    question: 'Which metrics does Sales own across all partnerships, and which are off target?',
    answer:
      'One row per active metric the team owns, with its latest period that has a reading and a target; off_target is ' +
      'NULL while the metric has no such period.',
    parameters: [team('ownerTeamKey', 'sales')],
    sql: `SELECT m.metric_key, m.name, m.owner_since, latest.period, latest.value, latest.target, latest.attainment,
  NOT latest.on_track AS off_target
FROM bi.dim_metric_v1 m
LEFT JOIN LATERAL (
  SELECT f.period, f.value, f.target, f.attainment, f.on_track FROM bi.fact_metric_reading_v1 f
  WHERE f.partnership_key = m.partnership_key AND f.metric_id = m.metric_id AND f.target IS NOT NULL
  ORDER BY f.period_start DESC LIMIT 1
) latest ON true
WHERE m.owner_team_key = $1 AND m.is_active
ORDER BY off_target DESC NULLS LAST, m.metric_key`,
  },
  {
    key: 'sla-share-per-week',
    question: 'What share of MQLs did Sales contact within the SLA last month, per week?',
    answer: "Per weekly SLA the team provides and ISO week: the month's observations, how many met the threshold, the share, and the target.",
    parameters: [
      team('providerTeamKey', 'sales'),
      instant('monthStart', 'First instant of the month', '2025-03-01T00:00:00Z'),
      instant('monthEnd', 'First instant of the next month', '2025-04-01T00:00:00Z'),
    ],
    sql: `SELECT o.sla_key, s.name, o.period AS week, count(*) AS observations, count(*) FILTER (WHERE o.met) AS met,
  round(avg(o.met::int), 3) AS share_met, s.compliance_target
FROM bi.fact_sla_observation_v1 o
JOIN bi.dim_sla_v1 s ON s.partnership_key = o.partnership_key AND s.sla_id = o.sla_id
WHERE o.provider_team_key = $1 AND s.compliance_period = 'weekly'
  AND o.observed_at >= $2::timestamptz AND o.observed_at < $3::timestamptz
GROUP BY o.sla_key, s.name, o.period, s.compliance_target
ORDER BY o.sla_key, o.period`,
  },
  {
    key: 'overdue-contributions',
    question: 'Which contributions are overdue, by partner?',
    answer: 'One row per contribution past its due date, undelivered and not withdrawn, by the team that owes it.',
    parameters: [],
    sql: `SELECT c.team_key AS partner, c.partnership_key, c.contribution_id, c.kind, c.description, c.due_date, c.days_past_due
FROM bi.fact_contribution_v1 c
WHERE c.status = 'overdue'
ORDER BY c.team_key, c.due_date, c.partnership_key`,
  },
  {
    key: 'decisions-outside-rights',
    question: 'Which decisions were taken by someone without the right to take them?',
    answer: "One row per decision whose decider held neither Responsible nor Accountable in the area at that point of the ledger.",
    parameters: [],
    sql: `SELECT d.partnership_key, d.decision_id, d.decision_area, d.decided_by_team_key, d.decided_at, d.rights_held, d.title
FROM bi.fact_decision_v1 d
WHERE NOT d.within_rights
ORDER BY d.ledger_position`,
  },
  {
    key: 'conversion-against-target',
    question: 'How did the MQL-to-SQL conversion move against target this quarter, and was the definition of MQL the same all quarter?',
    answer:
      'One row per period of the metric in the quarter: value, target, attainment and on track; definitions_in_force lists ' +
      'the versions of the term in force at any time in the quarter (one version: the definition stayed the same).',
    parameters: [
      { name: 'metricId', description: 'The conversion metric.', example: 'mql-to-sql-rate' },
      { name: 'term', description: 'The vocabulary term whose definition is asked about.', example: 'mql' },
      instant('quarterStart', 'First instant of the quarter', '2025-01-01T00:00:00Z'),
      instant('quarterEnd', 'First instant of the next quarter', '2025-04-01T00:00:00Z'),
    ],
    sql: `SELECT f.partnership_key, f.period, f.value, f.target, f.attainment, f.on_track,
  (SELECT string_agg(v.version::text, ',' ORDER BY v.version) FROM bi.dim_vocabulary_term_version_v1 v
    WHERE v.partnership_key = f.partnership_key AND v.term = $2
      AND v.valid_from < $4::timestamptz AND v.valid_to > $3::timestamptz) AS definitions_in_force
FROM bi.fact_metric_reading_v1 f
WHERE f.metric_id = $1 AND f.period_start >= $3::timestamptz AND f.period_start < $4::timestamptz
ORDER BY f.partnership_key, f.period_start`,
  },
  {
    key: 'agreement-as-of',
    question: 'What did the agreement between Marketing and Finance say on 1 March, exactly?',
    answer: 'The agreement version in force at that instant in every partnership of both teams: its full scope and who signed it.',
    parameters: [team('teamKey', 'marketing'), team('otherTeamKey', 'finance'), instant('at', 'The moment asked about', '2025-03-01T00:00:00Z')],
    sql: `SELECT a.partnership_key, a.agreement_version, a.scope, a.signed_by_team_keys, a.valid_from, a.valid_to
FROM bi.dim_agreement_version_v1 a
WHERE a.valid_from <= $3::timestamptz AND a.valid_to > $3::timestamptz
  AND EXISTS (SELECT 1 FROM bi.dim_partner_v1 p WHERE p.partnership_key = a.partnership_key AND p.team_key = $1)
  AND EXISTS (SELECT 1 FROM bi.dim_partner_v1 p WHERE p.partnership_key = a.partnership_key AND p.team_key = $2)
ORDER BY a.partnership_key`,
  },
];
