/**
 * `fact_metric_reading_v1`: each shared metric's value per period against the period's
 * target. Read from the reporting projection's tables rather than its
 * `metric_attainment` view: that view ranks readings in a CTE it reads twice, which
 * PostgreSQL materialises whole before any filter applies, so a filtered query would
 * scan every reading. The formulas are the projection's (README of
 * `@ledger/projections`); an integration test checks this view against
 * `reporting.metric_attainment` row by row.
 */
import { METRIC_DIRECTIONS } from '@ledger/contracts';
import type { BiView } from '../bi-view';
import { compositeKey, newestOf, optional, required, rowStampColumns } from '../column';
import { reporting } from '../sources';

const [HIGHER_IS_BETTER] = METRIC_DIRECTIONS;
const higherIsBetter = `m.direction = '${HIGHER_IS_BETTER}'`;

export const factMetricReading: BiView = {
  name: 'fact_metric_reading_v1',
  kind: 'fact',
  grain: 'one row per metric and period with a reading: the reading in force (the last recorded, as corrected)',
  description: "Each shared metric's value per period against the period's target, with attainment and on track.",
  key: { column: 'metric_reading_key', parts: ['partnership_key', 'metric_id', 'period'] },
  columns: [
    required('metric_reading_key', 'text', compositeKey('r.partnership_id', 'r.metric_id', 'r.period'), 'Key of the row: partnership_key~metric_id~period.'),
    required('partnership_key', 'text', 'r.partnership_id', 'The partnership (dim_partnership_v1).'),
    required('metric_key', 'text', compositeKey('r.partnership_id', 'r.metric_id'), 'The metric (dim_metric_v1): partnership_key~metric_id.'),
    required('metric_id', 'text', 'r.metric_id', "The metric's id within its partnership."),
    required(
      'owner_team_key',
      'text',
      'COALESCE(owner.to_team_id, m.owner_team_id)',
      'The team that owned the metric when the reading was recorded (dim_team_v1); dim_metric_v1 names the owner today.',
    ),
    required('period', 'text', 'r.period', "The reporting period in the ledger's notation: 2025-W07, 2025-02, 2025-Q1, 2025."),
    required('cadence', 'text', 'm.cadence', "The metric's cadence: daily, weekly, monthly, quarterly or yearly."),
    required('period_start', 'date', 'r.period_start', 'First day of the period (UTC); joins dim_date_v1.date_key.'),
    required('period_end', 'date', 'r.period_end', 'First day after the period (exclusive).'),
    required('reading_id', 'text', 'r.reading_id', 'The reading in force for the period: the last one recorded.'),
    required('value', 'numeric', 'r.value', 'The value in force: the corrected value once a correction is recorded.'),
    required('recorded_value', 'numeric', 'r.recorded_value', 'The value as first recorded.'),
    required('corrected', 'boolean', 'r.corrected_at IS NOT NULL', 'True when the reading was corrected after it was recorded.'),
    optional('target', 'numeric', 't.target', "The period's target; NULL when none was set."),
    optional(
      'attainment',
      'numeric',
      `CASE WHEN ${higherIsBetter} THEN r.value / NULLIF(t.target, 0) ELSE t.target / NULLIF(r.value, 0) END`,
      'higher-is-better: value / target; lower-is-better: target / value. 1 = exactly on target, above 1 = better than ' +
        'target. NULL without a target or when the divisor is 0.',
    ),
    optional(
      'on_track',
      'boolean',
      `CASE WHEN ${higherIsBetter} THEN r.value >= t.target ELSE r.value <= t.target END`,
      'higher-is-better: value >= target; lower-is-better: value <= target. NULL without a target.',
    ),
    optional('vocabulary_term', 'text', 'm.vocabulary_term', "The shared-vocabulary term the metric counts by (dim_vocabulary_term_version_v1), if any."),
    optional(
      'vocabulary_version',
      'integer',
      'term.version',
      "Version of the term the reading counted by: as the reading recorded it, else the version in force at the reading's business time.",
    ),
    required('reported_at', 'timestamptz', 'r.reported_at', 'Business time (UTC) of the reading in force.'),
    ...rowStampColumns('newest'),
  ],
  from: `FROM ${reporting('readings')} r
JOIN ${reporting('metrics')} m ON m.partnership_id = r.partnership_id AND m.metric_id = r.metric_id
LEFT JOIN ${reporting('metric_targets')} t ON t.partnership_id = r.partnership_id AND t.metric_id = r.metric_id AND t.period = r.period
LEFT JOIN LATERAL (
  SELECT c.to_team_id FROM ${reporting('metric_ownership_changes')} c
  WHERE c.partnership_id = r.partnership_id AND c.metric_id = r.metric_id AND c.last_position < r.reported_position
  ORDER BY c.last_position DESC LIMIT 1
) owner ON true
LEFT JOIN LATERAL (
  SELECT v.version FROM ${reporting('vocabulary_versions')} v
  WHERE v.partnership_id = r.partnership_id AND v.term = m.vocabulary_term
    AND (v.version = r.vocabulary_version OR (r.vocabulary_version IS NULL AND v.valid_from <= r.reported_at))
  ORDER BY v.version DESC LIMIT 1
) term ON true
${newestOf('newest', [
  'SELECT r.last_position, r.occurred_at, r.recorded_at',
  'SELECT t.last_position, t.occurred_at, t.recorded_at WHERE t.last_position IS NOT NULL',
])}
WHERE NOT EXISTS (
  SELECT 1 FROM ${reporting('readings')} newer
  WHERE newer.partnership_id = r.partnership_id AND newer.metric_id = r.metric_id AND newer.period = r.period
    AND newer.reported_position > r.reported_position
)`,
};
