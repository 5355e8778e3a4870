/**
 * One shared metric through the demo, as every demo partnership records it: the
 * definition, a target for each period of its cadence (set at planning), and
 * a reading for each period once it has closed, reported by the source system a few
 * hours later.
 */
import type { DemoPeriod, DemoSpan } from './demo-calendar';
import type { CommandData } from '@ledger/domain';
import type { PartnershipScript } from './partnership-script';

export interface MetricPlan {
  definition: CommandData<'DefineMetric'>;
  definedAt: Date;
  targetsSetAt: Date;
  /** The target of a period; `undefined` leaves the period without one (a gap in the plan). */
  targetOf(period: DemoPeriod, index: number): number | undefined;
  /** The value measured for a closed period. */
  valueOf(period: DemoPeriod, index: number): number;
  /** The system that reports the readings, e.g. `crm`. */
  reportedBy: string;
  /** Hours between the end of a period and its reading. */
  reportDelayHours: number;
}

export interface RecordedReading {
  readingId: string;
  period: DemoPeriod;
  value: number;
}

/** Records the metric's definition, targets and readings; returns the readings, for corrections and totals. */
export function recordMetric(script: PartnershipScript, calendar: DemoSpan, plan: MetricPlan): RecordedReading[] {
  const { metricId, cadence } = plan.definition;
  script.record(plan.definedAt, 'DefineMetric', plan.definition);
  const periods = calendar.periods(cadence);
  periods.forEach((period, index) => {
    const target = plan.targetOf(period, index);
    if (target !== undefined) script.record(plan.targetsSetAt, 'SetMetricTarget', { metricId, period: period.period, target });
  });
  const closed = periods.filter((period) => calendar.hasCome(period.end));
  return closed.map((period, index) => {
    const reading = { readingId: `${metricId}-${period.period}`, period, value: plan.valueOf(period, index) };
    const data = { readingId: reading.readingId, metricId, period: period.period, value: reading.value };
    // A period that closed before the metric existed is backfilled once its targets are set.
    const reportedAt = new Date(Math.max(calendar.reportedAfter(period, plan.reportDelayHours).getTime(), plan.targetsSetAt.getTime()));
    script.record(reportedAt, 'RecordReading', data, plan.reportedBy);
    return reading;
  });
}

/**
 * Cycles through hand-picked factors, so values wander around the target the same way
 * every run; rounded to `decimals` places (negative: to tens, hundreds, thousands...).
 */
export function aroundTarget(target: number, factors: readonly number[], index: number, decimals = 0): number {
  const value = target * factors[index % factors.length];
  // Integers divide exactly; multiplying by 0.001 would not.
  if (decimals < 0) return Math.round(value / 10 ** -decimals) * 10 ** -decimals;
  return Math.round(value * 10 ** decimals) / 10 ** decimals;
}
