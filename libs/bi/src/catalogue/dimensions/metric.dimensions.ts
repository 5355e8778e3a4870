/**
 * What facts are measured against: shared metrics (`dim_metric_v1`, from the ownership
 * projection) and service level agreements (`dim_sla_v1`, from the reporting
 * projection, the only one that keeps SLAs).
 */
import type { BiView } from '../bi-view';
import { compositeKey, optional, required, rowStampColumns } from '../column';
import { ownership, reporting } from '../sources';

export const dimMetric: BiView = {
  name: 'dim_metric_v1',
  kind: 'dimension',
  grain: 'one row per shared metric of a partnership',
  description: 'Every shared metric: its definition, unit, direction, cadence, and the partner that owns it today.',
  key: { column: 'metric_key', parts: ['partnership_key', 'metric_id'] },
  columns: [
    required('metric_key', 'text', compositeKey('m.partnership_id', 'm.metric_id'), 'Key of the row: partnership_key~metric_id.'),
    required('partnership_key', 'text', 'm.partnership_id', 'The partnership (dim_partnership_v1).'),
    required('metric_id', 'text', 'm.metric_id', "The metric's id within its partnership, e.g. mql-volume."),
    required('name', 'text', 'm.name', "The metric's name."),
    required('definition', 'text', 'm.definition', 'How the metric is defined, as agreed.'),
    required('owner_team_key', 'text', 'm.owner_team_id', 'The team that owns the metric today (dim_team_v1): exactly one.'),
    required('owner_since', 'timestamptz', 'm.owner_since', 'Since when (UTC) that team owns it.'),
    required('indicator', 'text', 'm.indicator', 'leading (predicts, e.g. MQL volume) or lagging (confirms, e.g. revenue).'),
    required('unit', 'text', 'm.unit', 'The unit of its values.'),
    required('direction', 'text', 'm.direction', 'higher-is-better or lower-is-better.'),
    required('cadence', 'text', 'm.cadence', 'daily, weekly, monthly, quarterly or yearly: the length of its periods.'),
    optional('vocabulary_term', 'text', 'm.vocabulary_term', 'The shared-vocabulary term it counts by (e.g. mql); NULL if none.'),
    required('is_active', 'boolean', 'm.active', 'False once the metric is retired.'),
    required('defined_at', 'timestamptz', 'm.defined_at', 'Business time (UTC) of its definition.'),
    optional('retired_at', 'timestamptz', 'm.retired_at', 'Business time (UTC) of its retirement; NULL while active.'),
    optional('retirement_reason', 'text', 'm.retirement_reason', 'Why it was retired; NULL while active.'),
    ...rowStampColumns('m'),
  ],
  from: `FROM ${ownership('metric_ownership')} m`,
};

export const dimSla: BiView = {
  name: 'dim_sla_v1',
  kind: 'dimension',
  grain: 'one row per service level agreement of a partnership',
  description: 'Every service level agreement between partners: who provides what to whom, the threshold and the compliance target.',
  key: { column: 'sla_key', parts: ['partnership_key', 'sla_id'] },
  columns: [
    required('sla_key', 'text', compositeKey('s.partnership_id', 's.sla_id'), 'Key of the row: partnership_key~sla_id.'),
    required('partnership_key', 'text', 's.partnership_id', 'The partnership (dim_partnership_v1).'),
    required('sla_id', 'text', 's.sla_id', "The SLA's id within its partnership."),
    required('name', 'text', 's.name', "The SLA's name, e.g. MQL first contact within 1 hour."),
    required('provider_team_key', 'text', 's.provider_team_id', 'The team that provides the service (dim_team_v1).'),
    required('beneficiary_team_key', 'text', 's.beneficiary_team_id', 'The team the service is for (dim_team_v1).'),
    required('measure', 'text', 's.measure', 'What is measured for each case.'),
    required('unit', 'text', 's.unit', 'The unit of the measured values.'),
    required('threshold_comparator', 'text', 's.threshold_comparator', 'at-most or at-least: how a value is compared with threshold_value.'),
    required('threshold_value', 'numeric', 's.threshold_value', 'The threshold a case must meet.'),
    required('compliance_target', 'numeric', 's.compliance_target', 'The share of cases (0..1) that must meet the threshold per compliance period.'),
    required('compliance_period', 'text', 's.compliance_period', 'The cadence compliance is judged over: daily, weekly, monthly, quarterly or yearly.'),
    required('defined_at', 'timestamptz', 's.defined_at', 'Business time (UTC) of its definition.'),
    ...rowStampColumns('s'),
  ],
  from: `FROM ${reporting('slas')} s`,
};
