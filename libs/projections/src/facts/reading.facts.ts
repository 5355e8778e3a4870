/**
 * Metric readings. `readings` holds each reading's value in force (a correction
 * replaces it there); `reading_history` keeps every recorded and every corrected
 * value, so the view shows the truth and the audit trail shows how it got there.
 */
import { update, upsert } from '../row-changes/row-change';
import { qualifiedName } from '../sql/identifiers';
import { EVENT_STAMP_COLUMNS, historyEntry, orNull, positionIndex, rowKey, stamped, type FactFamily } from './fact-family';
import { periodColumns } from './reporting-period';

export const READINGS_TABLE = 'readings';
export const READING_HISTORY_TABLE = 'reading_history';

export const readingFacts: FactFamily = {
  tables: [READINGS_TABLE, READING_HISTORY_TABLE],

  tableDefinitions: (schema) => [
    `CREATE TABLE ${qualifiedName(schema, READINGS_TABLE)} (
  partnership_id text NOT NULL,
  reading_id text NOT NULL,
  metric_id text NOT NULL,
  period text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  -- The value in force: the corrected value once a correction is recorded.
  value numeric NOT NULL,
  recorded_value numeric NOT NULL,
  vocabulary_version integer,
  reported_at timestamptz NOT NULL,
  -- Ledger position of the ReadingRecorded event: orders readings of the same period.
  reported_position bigint NOT NULL,
  corrected_at timestamptz,
  correction_reason text,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, reading_id)
)`,
    `CREATE INDEX ON ${qualifiedName(schema, READINGS_TABLE)} (partnership_id, metric_id, period_start)`,
    positionIndex(schema, READINGS_TABLE),
    `CREATE TABLE ${qualifiedName(schema, READING_HISTORY_TABLE)} (
  partnership_id text NOT NULL,
  reading_id text NOT NULL,
  metric_id text NOT NULL,
  period text NOT NULL,
  change text NOT NULL CHECK (change IN ('recorded', 'corrected')),
  value numeric NOT NULL,
  previous_value numeric,
  reason text,
  vocabulary_version integer,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, reading_id, last_position)
)`,
    positionIndex(schema, READING_HISTORY_TABLE),
  ],

  handlers: {
    ReadingRecorded: ({ data }, context) => [
      upsert(
        READINGS_TABLE,
        rowKey(context, { reading_id: data.readingId }),
        stamped(context, {
          metric_id: data.metricId,
          period: data.period,
          ...periodColumns(data.period),
          value: data.value,
          recorded_value: data.value,
          vocabulary_version: orNull(data.vocabularyVersion),
          reported_at: context.stamp.occurred_at,
          reported_position: context.stamp.last_position,
          corrected_at: null,
          correction_reason: null,
        }),
      ),
      historyEntry(context, READING_HISTORY_TABLE, { reading_id: data.readingId }, {
        metric_id: data.metricId,
        period: data.period,
        change: 'recorded',
        value: data.value,
        previous_value: null,
        reason: null,
        vocabulary_version: orNull(data.vocabularyVersion),
      }),
    ],
    ReadingCorrected: ({ data }, context) => [
      update(
        READINGS_TABLE,
        rowKey(context, { reading_id: data.readingId }),
        stamped(context, {
          value: data.correctedValue,
          corrected_at: context.stamp.occurred_at,
          correction_reason: data.reason,
        }),
      ),
      historyEntry(context, READING_HISTORY_TABLE, { reading_id: data.readingId }, {
        metric_id: data.metricId,
        period: data.period,
        change: 'corrected',
        value: data.correctedValue,
        previous_value: data.previousValue,
        reason: data.reason,
        vocabulary_version: null,
      }),
    ],
  },
};
