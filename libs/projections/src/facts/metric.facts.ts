/**
 * Shared metrics: definition, owning partner (and since when), the history of
 * ownership changes, and the target of each period.
 */
import { update, upsert } from '../row-changes/row-change';
import { qualifiedName } from '../sql/identifiers';
import {
  EVENT_STAMP_COLUMNS,
  historyEntry,
  orNull,
  positionIndex,
  rowKey,
  stamped,
  type FactFamily,
} from './fact-family';
import { periodColumns } from './reporting-period';

export const METRICS_TABLE = 'metrics';
export const METRIC_OWNERSHIP_CHANGES_TABLE = 'metric_ownership_changes';
export const METRIC_TARGETS_TABLE = 'metric_targets';

export const metricFacts: FactFamily = {
  tables: [METRICS_TABLE, METRIC_OWNERSHIP_CHANGES_TABLE, METRIC_TARGETS_TABLE],

  tableDefinitions: (schema) => [
    `CREATE TABLE ${qualifiedName(schema, METRICS_TABLE)} (
  partnership_id text NOT NULL,
  metric_id text NOT NULL,
  name text NOT NULL,
  definition text NOT NULL,
  owner_team_id text NOT NULL,
  owner_since timestamptz NOT NULL,
  indicator text NOT NULL,
  unit text NOT NULL,
  direction text NOT NULL,
  cadence text NOT NULL,
  vocabulary_term text,
  defined_at timestamptz NOT NULL,
  retired_at timestamptz,
  retirement_reason text,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, metric_id)
)`,
    `CREATE INDEX ON ${qualifiedName(schema, METRICS_TABLE)} (owner_team_id)`,
    positionIndex(schema, METRICS_TABLE),
    `CREATE TABLE ${qualifiedName(schema, METRIC_OWNERSHIP_CHANGES_TABLE)} (
  partnership_id text NOT NULL,
  metric_id text NOT NULL,
  -- NULL for the first owner, named when the metric was defined.
  from_team_id text,
  to_team_id text NOT NULL,
  reason text,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, metric_id, last_position)
)`,
    positionIndex(schema, METRIC_OWNERSHIP_CHANGES_TABLE),
    `CREATE TABLE ${qualifiedName(schema, METRIC_TARGETS_TABLE)} (
  partnership_id text NOT NULL,
  metric_id text NOT NULL,
  period text NOT NULL,
  period_start date NOT NULL,
  period_end date NOT NULL,
  target numeric NOT NULL,
  ${EVENT_STAMP_COLUMNS},
  PRIMARY KEY (partnership_id, metric_id, period)
)`,
    positionIndex(schema, METRIC_TARGETS_TABLE),
  ],

  handlers: {
    MetricDefined: ({ data }, context) => [
      upsert(
        METRICS_TABLE,
        rowKey(context, { metric_id: data.metricId }),
        stamped(context, {
          name: data.name,
          definition: data.definition,
          owner_team_id: data.ownerTeamId,
          owner_since: context.stamp.occurred_at,
          indicator: data.indicator,
          unit: data.unit,
          direction: data.direction,
          cadence: data.cadence,
          vocabulary_term: orNull(data.vocabularyTerm),
          defined_at: context.stamp.occurred_at,
        }),
      ),
      historyEntry(context, METRIC_OWNERSHIP_CHANGES_TABLE, { metric_id: data.metricId }, {
        from_team_id: null,
        to_team_id: data.ownerTeamId,
        reason: null,
      }),
    ],
    MetricOwnershipTransferred: ({ data }, context) => [
      update(
        METRICS_TABLE,
        rowKey(context, { metric_id: data.metricId }),
        stamped(context, { owner_team_id: data.toTeamId, owner_since: context.stamp.occurred_at }),
      ),
      historyEntry(context, METRIC_OWNERSHIP_CHANGES_TABLE, { metric_id: data.metricId }, {
        from_team_id: data.fromTeamId,
        to_team_id: data.toTeamId,
        reason: data.reason,
      }),
    ],
    MetricTargetSet: ({ data }, context) => [
      upsert(
        METRIC_TARGETS_TABLE,
        rowKey(context, { metric_id: data.metricId, period: data.period }),
        stamped(context, { ...periodColumns(data.period), target: data.target }),
      ),
    ],
    MetricRetired: ({ data }, context) => [
      update(
        METRICS_TABLE,
        rowKey(context, { metric_id: data.metricId }),
        stamped(context, { retired_at: context.stamp.occurred_at, retirement_reason: data.reason }),
      ),
    ],
  },
};
