/**
 * `fact_sla_observation_v1`: every observation of a service level agreement, placed in
 * the SLA's compliance period. Read from the reporting projection's tables (its
 * `sla_observation_facts` view calls functions the BI role may not run; see
 * `periods.ts`). An observation never changes and its SLA is defined before it, so the
 * observation's own ledger stamp is the newest event behind the row, and the index on
 * it serves incremental refreshes.
 */
import type { BiView } from '../bi-view';
import { compositeKey, optional, required, rowStampColumns, utcDay } from '../column';
import { periodEnd, periodLabel, periodStart } from '../periods';
import { reporting } from '../sources';

export const factSlaObservation: BiView = {
  name: 'fact_sla_observation_v1',
  kind: 'fact',
  grain: 'one row per SLA observation',
  description: 'Every observation of a service level agreement between partners, and whether it met the threshold.',
  key: { column: 'sla_observation_key', parts: ['partnership_key', 'observation_id'] },
  columns: [
    required('sla_observation_key', 'text', compositeKey('o.partnership_id', 'o.observation_id'), 'Key of the row: partnership_key~observation_id.'),
    required('partnership_key', 'text', 'o.partnership_id', 'The partnership (dim_partnership_v1).'),
    required('sla_key', 'text', compositeKey('o.partnership_id', 'o.sla_id'), 'The SLA (dim_sla_v1): partnership_key~sla_id.'),
    required('sla_id', 'text', 'o.sla_id', "The SLA's id within its partnership."),
    required('observation_id', 'text', 'o.observation_id', "The observation's id within its partnership."),
    required('provider_team_key', 'text', 'sla.provider_team_id', 'The team that provides the service (dim_team_v1).'),
    required('beneficiary_team_key', 'text', 'sla.beneficiary_team_id', 'The team the service is for (dim_team_v1).'),
    optional('subject', 'text', 'o.subject', 'What was observed, e.g. the lead handed over; NULL when not given.'),
    required('value', 'numeric', 'o.value', "The measured value, in the SLA's unit."),
    required('met', 'boolean', 'o.met', "True when the value met the SLA's threshold."),
    required(
      'period',
      'text',
      periodLabel('sla.compliance_period', 'o.observed_at'),
      "The compliance period the observation falls in (the SLA's cadence; ISO weeks for weekly): 2025-W07.",
    ),
    required('period_start', 'date', periodStart('sla.compliance_period', 'o.observed_at'), 'First day of the compliance period (UTC).'),
    required('period_end', 'date', periodEnd('sla.compliance_period', 'o.observed_at'), 'First day after the compliance period (exclusive).'),
    required('observed_at', 'timestamptz', 'o.observed_at', 'Business time (UTC) of the observation.'),
    required('observed_on', 'date', utcDay('o.observed_at'), 'UTC calendar day of observed_at; joins dim_date_v1.date_key.'),
    ...rowStampColumns('o'),
  ],
  from: `FROM ${reporting('sla_observations')} o
JOIN ${reporting('slas')} sla ON sla.partnership_id = o.partnership_id AND sla.sla_id = o.sla_id`,
};
