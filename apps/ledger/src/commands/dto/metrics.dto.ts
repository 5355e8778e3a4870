/**
 * Rule 3 of engagement, the metrics: each shared number has exactly one owning
 * partner, a definition, a unit, a direction, a cadence and targets per period.
 */
import type { CommandData } from '@ledger/domain';
import {
  CADENCES,
  INDICATOR_KINDS,
  METRIC_DIRECTIONS,
  type Cadence,
  type IndicatorKind,
  type MetricDirection,
} from '@ledger/contracts';
import { LIMITS } from './patterns';
import {
  IdProperty,
  NameProperty,
  NumberProperty,
  OneOfProperty,
  PeriodProperty,
  TeamIdProperty,
  TermProperty,
  TextProperty,
} from './properties';

export class DefineMetricDto implements CommandData<'DefineMetric'> {
  @IdProperty({ description: 'Id of the metric.', example: 'mql-volume' })
  metricId!: string;

  @NameProperty({ description: 'Name of the metric.', example: 'MQL volume' })
  name!: string;

  @TextProperty({ description: 'What is counted, and how.', example: 'Leads that reached the MQL score threshold in the period.' })
  definition!: string;

  @TeamIdProperty({ description: 'The one partner team that owns the number.', example: 'marketing' })
  ownerTeamId!: string;

  @OneOfProperty({ description: 'Leading (predicts) or lagging (confirms).', example: 'leading' }, INDICATOR_KINDS)
  indicator!: IndicatorKind;

  @TextProperty({ description: 'Unit of the readings.', example: 'leads' }, LIMITS.unit)
  unit!: string;

  @OneOfProperty({ description: 'Whether higher or lower values are better.', example: 'higher-is-better' }, METRIC_DIRECTIONS)
  direction!: MetricDirection;

  @OneOfProperty({ description: 'How often the metric is read; periods follow it.', example: 'monthly' }, CADENCES)
  cadence!: Cadence;

  @TermProperty({ description: 'The shared-vocabulary term the metric counts.', example: 'mql', optional: true })
  vocabularyTerm?: string;
}

export class TransferMetricOwnershipDto implements CommandData<'TransferMetricOwnership'> {
  @IdProperty({ description: 'The metric.', example: 'mql-volume' })
  metricId!: string;

  @TeamIdProperty({ description: 'The partner team that owns it from now on.', example: 'sales' })
  toTeamId!: string;

  @TextProperty({ description: 'Why ownership moves.', example: 'Sales now runs lead qualification.' })
  reason!: string;
}

export class SetMetricTargetDto implements CommandData<'SetMetricTarget'> {
  @IdProperty({ description: 'The metric.', example: 'mql-volume' })
  metricId!: string;

  @PeriodProperty({ description: "The period, in the notation of the metric's cadence.", example: '2026-03' })
  period!: string;

  @NumberProperty({ description: 'The target value, in the metric\'s unit.', example: 1200 })
  target!: number;
}

export class RetireMetricDto implements CommandData<'RetireMetric'> {
  @IdProperty({ description: 'The metric.', example: 'mql-volume' })
  metricId!: string;

  @TextProperty({ description: 'Why the metric is retired.', example: 'Replaced by sql-volume.' })
  reason!: string;
}
