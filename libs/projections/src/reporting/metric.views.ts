/**
 * How the shared metrics perform: each reading against its period's target, the trend
 * against the previous period, leading and lagging indicators side by side, every
 * recorded and corrected value, and which vocabulary version a reading counted by.
 */
import { stampColumns, type ViewDefinition } from '../sql/view-definition';

export const METRIC_ATTAINMENT_VIEW = 'metric_attainment';
export const VOCABULARY_TERM_VERSIONS_VIEW = 'vocabulary_term_versions';

const HIGHER_IS_BETTER = `m.direction = 'higher-is-better'`;

export const metricAttainmentView: ViewDefinition = {
  name: METRIC_ATTAINMENT_VIEW,
  comment:
    "One row per metric and period with a reading: the value in force (a correction replaces the original), the " +
    "period's target, attainment, on/off track and the trend against the previous period. When a period has several " +
    'readings, the last recorded one counts.',
  columnComments: {
    attainment:
      'higher-is-better: value / target; lower-is-better: target / value. 1 = exactly on target, above 1 = better ' +
      'than target. NULL without a target or when the divisor is 0.',
    on_track: 'higher-is-better: value >= target; lower-is-better: value <= target. NULL without a target.',
    previous_value: 'The value of the period just before (the one ending where this one starts), if it has a reading.',
    trend: 'improving, worsening or unchanged against the previous period, given the direction. NULL without one.',
    vocabulary_version:
      "Version of the metric's vocabulary term the reading counted by: as the reading event recorded it, else the " +
      'version in force at the reading\'s business time.',
  },
  select: (table) => `WITH period_readings AS (
  SELECT DISTINCT ON (r.partnership_id, r.metric_id, r.period) r.*
  FROM ${table('readings')} r
  ORDER BY r.partnership_id, r.metric_id, r.period, r.reported_position DESC
)
SELECT r.partnership_id, r.metric_id, m.name AS metric_name, m.owner_team_id, m.indicator, m.direction, m.unit, m.cadence,
  r.period, r.period_start, r.period_end, r.reading_id, r.value, r.recorded_value, r.corrected_at IS NOT NULL AS corrected,
  t.target,
  CASE WHEN ${HIGHER_IS_BETTER} THEN r.value / NULLIF(t.target, 0) ELSE t.target / NULLIF(r.value, 0) END AS attainment,
  CASE WHEN ${HIGHER_IS_BETTER} THEN r.value >= t.target ELSE r.value <= t.target END AS on_track,
  previous.value AS previous_value,
  r.value - previous.value AS change_vs_previous,
  CASE
    WHEN previous.value IS NULL THEN NULL
    WHEN r.value = previous.value THEN 'unchanged'
    WHEN (r.value > previous.value) = (${HIGHER_IS_BETTER}) THEN 'improving'
    ELSE 'worsening'
  END AS trend,
  m.vocabulary_term, term.version AS vocabulary_version, term.definition AS vocabulary_definition,
  r.reported_at, ${stampColumns('r')}
FROM period_readings r
JOIN ${table('metrics')} m ON m.partnership_id = r.partnership_id AND m.metric_id = r.metric_id
LEFT JOIN ${table('metric_targets')} t
  ON t.partnership_id = r.partnership_id AND t.metric_id = r.metric_id AND t.period = r.period
LEFT JOIN period_readings previous
  ON previous.partnership_id = r.partnership_id AND previous.metric_id = r.metric_id AND previous.period_end = r.period_start
LEFT JOIN LATERAL (
  SELECT v.version, v.definition FROM ${table('vocabulary_versions')} v
  WHERE v.partnership_id = r.partnership_id AND v.term = m.vocabulary_term
    AND (v.version = r.vocabulary_version OR (r.vocabulary_version IS NULL AND v.valid_from <= r.reported_at))
  ORDER BY v.version DESC LIMIT 1
) term ON true`,
};

export const metricReadingHistoryView: ViewDefinition = {
  name: 'metric_reading_history',
  comment: 'Every value ever recorded or corrected for a reading, in ledger order, with the reason of each correction.',
  select: (table) => `SELECT h.partnership_id, h.reading_id, h.metric_id, m.name AS metric_name, h.period, h.change, h.value,
  h.previous_value, h.reason, h.vocabulary_version, ${stampColumns('h')}
FROM ${table('reading_history')} h
JOIN ${table('metrics')} m ON m.partnership_id = h.partnership_id AND m.metric_id = h.metric_id`,
};

const side = (alias: string, prefix: string) =>
  ['metric_id', 'metric_name', 'owner_team_id', 'period', 'value', 'target', 'attainment', 'on_track', 'trend']
    .map((column) => `${alias}.${column} AS ${prefix}_${column}`)
    .join(', ');

export const leadingLaggingIndicatorsView: ViewDefinition = {
  name: 'leading_lagging_indicators',
  comment:
    'Leading and lagging indicators of a partnership side by side: each leading reading paired with each lagging ' +
    'reading whose period overlaps it (a monthly MQL count beside the quarter\'s revenue).',
  // LEADING is a reserved word in SQL, hence the longer aliases.
  select: (table) => `SELECT leading_reading.partnership_id,
  ${side('leading_reading', 'leading')},
  ${side('lagging_reading', 'lagging')},
  GREATEST(leading_reading.last_position, lagging_reading.last_position) AS last_position
FROM ${table(METRIC_ATTAINMENT_VIEW)} leading_reading
JOIN ${table(METRIC_ATTAINMENT_VIEW)} lagging_reading
  ON lagging_reading.partnership_id = leading_reading.partnership_id AND lagging_reading.indicator = 'lagging'
  AND leading_reading.period_start < lagging_reading.period_end
  AND lagging_reading.period_start < leading_reading.period_end
WHERE leading_reading.indicator = 'leading'`,
};

export const vocabularyTermVersionsView: ViewDefinition = {
  name: VOCABULARY_TERM_VERSIONS_VIEW,
  comment:
    'Every version of every shared-vocabulary term, valid from its business time until the next version\'s. The ' +
    'version in force at time T is the row with valid_from <= T < valid_to (or valid_to NULL).',
  select: (table) => `SELECT v.partnership_id, v.term, v.version, v.definition, v.revision_reason, v.valid_from,
  LEAD(v.valid_from) OVER (PARTITION BY v.partnership_id, v.term ORDER BY v.version) AS valid_to,
  ${stampColumns('v')}
FROM ${table('vocabulary_versions')} v`,
};
