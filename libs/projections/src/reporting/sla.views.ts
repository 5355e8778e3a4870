/**
 * SLA compliance: every observation placed in its SLA's compliance period, and per SLA
 * and period the share of observations that met the threshold, against the target.
 */
import { PERIOD_END_FUNCTION, PERIOD_FUNCTION, PERIOD_START_FUNCTION } from '../sql/period-functions';
import { stampColumns, type ViewDefinition } from '../sql/view-definition';

export const SLA_OBSERVATION_FACTS_VIEW = 'sla_observation_facts';
export const SLA_COMPLIANCE_VIEW = 'sla_compliance';

export const slaObservationFactsView: ViewDefinition = {
  name: SLA_OBSERVATION_FACTS_VIEW,
  comment: "Every SLA observation with its SLA's terms and the compliance period (of the SLA's cadence) it falls in.",
  select: (table) => `SELECT o.partnership_id, o.sla_id, sla.name AS sla_name, sla.provider_team_id, sla.beneficiary_team_id,
  sla.measure, sla.unit, sla.threshold_comparator, sla.threshold_value, sla.compliance_target, sla.compliance_period,
  ${table(PERIOD_FUNCTION)}(sla.compliance_period, o.observed_at) AS period,
  ${table(PERIOD_START_FUNCTION)}(sla.compliance_period, o.observed_at) AS period_start,
  ${table(PERIOD_END_FUNCTION)}(sla.compliance_period, o.observed_at) AS period_end,
  o.observation_id, o.subject, o.value, o.met, o.observed_at, ${stampColumns('o')}
FROM ${table('sla_observations')} o
JOIN ${table('slas')} sla ON sla.partnership_id = o.partnership_id AND sla.sla_id = o.sla_id`,
};

export const slaComplianceView: ViewDefinition = {
  name: SLA_COMPLIANCE_VIEW,
  comment: 'Per SLA and compliance period: observations, how many met the threshold, breaches and compliance.',
  columnComments: {
    compliance: 'met / observations (0..1).',
    meets_target: 'compliance >= compliance_target.',
    last_position: 'The newest ledger position among the observations counted.',
  },
  select: (table) => `SELECT f.partnership_id, f.sla_id, f.sla_name, f.provider_team_id, f.beneficiary_team_id,
  f.compliance_period, f.period, f.period_start, f.period_end,
  count(*) AS observations,
  count(*) FILTER (WHERE f.met) AS met,
  count(*) FILTER (WHERE NOT f.met) AS breaches,
  (count(*) FILTER (WHERE f.met))::numeric / count(*) AS compliance,
  f.compliance_target,
  (count(*) FILTER (WHERE f.met))::numeric / count(*) >= f.compliance_target AS meets_target,
  max(f.last_position) AS last_position
FROM ${table(SLA_OBSERVATION_FACTS_VIEW)} f
GROUP BY f.partnership_id, f.sla_id, f.sla_name, f.provider_team_id, f.beneficiary_team_id, f.compliance_period,
  f.period, f.period_start, f.period_end, f.compliance_target`,
};
