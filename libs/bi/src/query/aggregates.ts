/**
 * The aggregates BI users ask for, over the fact views: metric attainment, SLA
 * compliance, contribution fulfilment and decisions within rights, each grouped by the
 * dimensions the caller names (`per=partnership_key,week`). Filters apply to the fact's
 * rows before grouping; the result pages and sorts like a view, the chosen dimensions
 * being unique together. The formulas are the reporting projection's (its README).
 */
import { escapeIdentifier } from 'pg';
import { biViewName, type BiView } from '../catalogue/bi-view';
import { BI_COLUMN_TYPES, type BiColumnType } from '../catalogue/column';
import { factContribution } from '../catalogue/facts/contribution.fact';
import { factDecision } from '../catalogue/facts/decision.fact';
import { factMetricReading } from '../catalogue/facts/metric-reading.fact';
import { factSlaObservation } from '../catalogue/facts/sla-observation.fact';
import { BiQueryError } from './query-error';
import type { QuerySource, SourceColumn } from './query-source';

export interface AggregateColumn extends SourceColumn {
  /** SQL over the fact's columns (a group expression, or an aggregate for a measure). */
  readonly sql: string;
}

export interface BiAggregate {
  readonly name: string;
  readonly description: string;
  readonly fact: BiView;
  readonly dimensions: readonly AggregateColumn[];
  readonly measures: readonly AggregateColumn[];
}

const dimension = (name: string, type: BiColumnType, sql: string, description: string): AggregateColumn =>
  ({ name, type, sql, description, nullable: false });
const measure = (name: string, type: BiColumnType, sql: string, description: string, nullable = false): AggregateColumn =>
  ({ name, type, sql, description, nullable });

const same = (name: string, description: string) => dimension(name, 'text', escapeIdentifier(name), description);
const labelOf = (instant: string, format: string) => `to_char(${instant} AT TIME ZONE 'UTC', '${format}')`;
const WEEK = 'IYYY-"W"IW';
const MONTH = 'YYYY-MM';
const QUARTER = 'YYYY-"Q"Q';
const count = (condition?: string) => `count(*)${condition ? ` FILTER (WHERE ${condition})` : ''}`;
const share = (part: string, whole: string) => `(${part})::numeric / NULLIF(${whole}, 0)`;

const PARTNERSHIP = same('partnership_key', 'The partnership.');

export const BI_AGGREGATES: readonly BiAggregate[] = [
  {
    name: 'metric-attainment',
    description: 'Metric readings against their targets: how many periods were on track, and the mean attainment.',
    fact: factMetricReading,
    dimensions: [
      PARTNERSHIP,
      same('metric_key', 'The metric.'),
      same('owner_team_key', 'The team that owned the metric when the reading was recorded.'),
      same('cadence', "The metrics' cadence."),
      same('period', "The readings' own period (2025-02, 2025-Q1, ...): combine with metric_key or cadence to compare like with like."),
      dimension('month', 'text', `to_char(period_start, '${MONTH}')`, 'The month the period starts in: 2025-02.'),
      dimension('quarter', 'text', `to_char(period_start, '${QUARTER}')`, 'The quarter the period starts in: 2025-Q1.'),
    ],
    measures: [
      measure('readings', 'bigint', count(), 'Periods with a reading.'),
      measure('readings_with_target', 'bigint', count('target IS NOT NULL'), 'Of those, periods with a target.'),
      measure('on_track', 'bigint', count('on_track'), 'Periods on track (value meets the target, given the direction).'),
      measure('off_track', 'bigint', count('NOT on_track'), 'Periods off track.'),
      measure('share_on_track', 'numeric', share(count('on_track'), count('target IS NOT NULL')), 'on_track / readings_with_target; NULL without targets.', true),
      measure('mean_attainment', 'numeric', 'avg(attainment)', 'Mean attainment of the periods with a target (1 = on target).', true),
    ],
  },
  {
    name: 'sla-compliance',
    description: 'SLA observations and the share that met the threshold.',
    fact: factSlaObservation,
    dimensions: [
      PARTNERSHIP,
      same('sla_key', 'The SLA.'),
      same('provider_team_key', 'The team providing the service.'),
      same('beneficiary_team_key', 'The team the service is for.'),
      same('period', "The SLA's compliance period (its own cadence)."),
      dimension('week', 'text', labelOf('observed_at', WEEK), 'The ISO week of the observation: 2025-W10.'),
      dimension('month', 'text', labelOf('observed_at', MONTH), 'The month of the observation: 2025-03.'),
      dimension('quarter', 'text', labelOf('observed_at', QUARTER), 'The quarter of the observation: 2025-Q1.'),
    ],
    measures: [
      measure('observations', 'bigint', count(), 'Observations.'),
      measure('met', 'bigint', count('met'), 'Observations that met the threshold.'),
      measure('breaches', 'bigint', count('NOT met'), 'Observations that did not.'),
      measure('compliance', 'numeric', share(count('met'), count()), 'met / observations (0..1).'),
    ],
  },
  {
    name: 'contribution-fulfilment',
    description: 'Contributions committed, delivered (on time or late), overdue, open and withdrawn.',
    fact: factContribution,
    dimensions: [
      PARTNERSHIP,
      same('partner_key', 'The partner who owes them.'),
      same('team_key', 'The team who owes them, across partnerships.'),
      same('kind', 'The kind of contribution.'),
      dimension('due_month', 'text', `to_char(due_date, '${MONTH}')`, 'The month they are due: 2025-02.'),
      dimension('due_quarter', 'text', `to_char(due_date, '${QUARTER}')`, 'The quarter they are due: 2025-Q1.'),
    ],
    measures: [
      measure('committed', 'bigint', count(), 'Contributions committed (withdrawn ones included).'),
      measure('withdrawn', 'bigint', count(`status = 'withdrawn'`), 'Withdrawn.'),
      measure('delivered', 'bigint', count(`status = 'delivered'`), 'Delivered.'),
      measure('delivered_on_time', 'bigint', count('delivered_on_time'), 'Delivered on or before the due date.'),
      measure('delivered_late', 'bigint', count('NOT delivered_on_time'), 'Delivered after the due date.'),
      measure('overdue', 'bigint', count(`status = 'overdue'`), 'Past due and not delivered (today, UTC).'),
      measure('open', 'bigint', count(`status = 'committed'`), 'Committed, not delivered, not yet due.'),
      measure('share_delivered', 'numeric', share(count(`status = 'delivered'`), count(`status <> 'withdrawn'`)), 'delivered / (committed - withdrawn); NULL when nothing is left committed.', true),
      measure('share_on_time', 'numeric', share(count('delivered_on_time'), count(`status = 'delivered'`)), 'delivered_on_time / delivered; NULL when nothing was delivered.', true),
    ],
  },
  {
    name: 'decisions-within-rights',
    description: 'Recorded decisions, and how many were taken within the agreed decision rights.',
    fact: factDecision,
    dimensions: [
      PARTNERSHIP,
      same('decision_area_key', 'The decision area.'),
      same('decided_by_team_key', 'The team that decided.'),
      dimension('month', 'text', labelOf('decided_at', MONTH), 'The month of the decision: 2025-02.'),
      dimension('quarter', 'text', labelOf('decided_at', QUARTER), 'The quarter of the decision: 2025-Q1.'),
    ],
    measures: [
      measure('decisions', 'bigint', count(), 'Decisions recorded.'),
      measure('within_rights', 'bigint', count('within_rights'), 'Taken by a team holding a deciding right in the area.'),
      measure('outside_rights', 'bigint', count('NOT within_rights'), 'Taken without one.'),
      measure('share_within_rights', 'numeric', share(count('within_rights'), count()), 'within_rights / decisions.'),
    ],
  },
];

export function findAggregate(name: string): BiAggregate | undefined {
  return BI_AGGREGATES.find((aggregate) => aggregate.name === name);
}

/** The aggregate grouped by the dimensions named in `per` (comma-separated, in that order). */
export function aggregateSource(aggregate: BiAggregate, per: string | null): QuerySource {
  const chosen = groupingOf(aggregate, per);
  const outputs = [...chosen, ...aggregate.measures];
  const select = outputs.map((column) => `(${column.sql})::${BI_COLUMN_TYPES[column.type]} AS ${escapeIdentifier(column.name)}`).join(', ');
  const groupBy = chosen.map((_, index) => index + 1).join(', ');
  return {
    name: aggregate.name,
    columns: outputs,
    filterColumns: aggregate.fact.columns,
    unique: chosen.map((column) => column.name),
    defaultSort: chosen.map((column) => ({ column: column.name, descending: false })),
    relation: (where) => `SELECT ${select} FROM ${biViewName(aggregate.fact)} WHERE ${where} GROUP BY ${groupBy}`,
  };
}

function groupingOf(aggregate: BiAggregate, per: string | null): AggregateColumn[] {
  const names = aggregate.dimensions.map((candidate) => candidate.name);
  if (per === null || per === '') {
    throw new BiQueryError('query.invalid-grouping', `Name what to group by: per=<one or more of ${names.join(', ')}>.`, 'per');
  }
  const chosen = per.split(',').map((name) => {
    const found = aggregate.dimensions.find((candidate) => candidate.name === name);
    if (!found) throw new BiQueryError('query.invalid-grouping', `${aggregate.name} cannot be grouped by "${name}"; use ${names.join(', ')}.`, 'per');
    return found;
  });
  if (new Set(chosen).size !== chosen.length) throw new BiQueryError('query.invalid-grouping', 'per names a dimension twice.', 'per');
  return chosen;
}
