/**
 * Marketing-Sales, performance ownership: six shared metrics, leading and lagging, with
 * targets per period and a reading for every closed period. The story in the numbers:
 * MQL volume drops once the MQL definition is tightened (and its weekly target is cut
 * to match) while MQL-to-SQL conversion climbs; one weekly MQL count is corrected after
 * a CRM deduplication; cost per MQL has no target yet for the current month.
 */
import type { DemoCalendar, DemoPeriod } from '../demo-calendar';
import { aroundTarget, recordMetric, type MetricPlan, type RecordedReading } from '../metric-plan';
import type { CommandData } from '@ledger/domain';
import type { PartnershipScript } from '../partnership-script';
import { MQL_REVISION_DAY } from './agreement';

const MQL_TARGET_BEFORE_REVISION = 110;
const MQL_TARGET_AFTER_REVISION = 90;
/** Weekly MQLs against target: two dips (a holiday week, a campaign gap), otherwise a little above. */
const MQL_FACTORS = [1.04, 0.82, 1.09, 1.02, 0.97, 1.06, 1.03, 0.88, 1.05, 1.08, 1.01, 0.95, 1.1];
const CORRECTED_WEEK_INDEX = 2;
const CORRECTION_DAY = 31;

export interface WeeklyMqlCount {
  period: DemoPeriod;
  value: number;
}

/** Returns the MQLs of every week of the quarter as finally counted (after the correction), the current week so far included. */
export function recordMarketingSalesPerformance(script: PartnershipScript, calendar: DemoCalendar): WeeklyMqlCount[] {
  const weeklyMqls = recordMqlVolume(script, calendar);
  for (const plan of monthlyMetricPlans(calendar)) recordMetric(script, calendar, plan);
  return weeklyMqls;
}

function recordMqlVolume(script: PartnershipScript, calendar: DemoCalendar): WeeklyMqlCount[] {
  const revisedAt = calendar.day(MQL_REVISION_DAY, '11:00');
  const weeks = calendar.periods('weekly');
  const targetOf = (period: DemoPeriod) => (period.end > revisedAt ? MQL_TARGET_AFTER_REVISION : MQL_TARGET_BEFORE_REVISION);
  const counted = weeks.map((period, index) => ({ period, value: aroundTarget(targetOf(period), MQL_FACTORS, index) }));
  const readings = recordMetric(script, calendar, {
    definition: {
      metricId: 'mql-volume', name: 'MQL volume', ownerTeamId: 'marketing', indicator: 'leading', unit: 'leads',
      direction: 'higher-is-better', cadence: 'weekly', vocabularyTerm: 'mql',
      definition: 'Leads that became MQLs in the week, as defined by the shared vocabulary, deduplicated by email.',
    },
    definedAt: calendar.day(3, '15:00'),
    targetsSetAt: calendar.day(3, '15:30'),
    // Planned before the revision; the weeks after it are re-planned below.
    targetOf: () => MQL_TARGET_BEFORE_REVISION,
    valueOf: (_, index) => counted[index].value,
    reportedBy: 'marketing-automation',
    reportDelayHours: 6,
  });
  for (const { period } of counted.filter(({ period }) => period.end > revisedAt)) {
    script.record(calendar.day(MQL_REVISION_DAY, '14:00'), 'SetMetricTarget', {
      metricId: 'mql-volume', period: period.period, target: MQL_TARGET_AFTER_REVISION,
    });
  }
  const correction = correctOneWeek(script, calendar, readings[CORRECTED_WEEK_INDEX]);
  return counted.map((week, index) => (index === CORRECTED_WEEK_INDEX ? { ...week, value: correction } : week));
}

/** The CRM deduplication found a list import counted twice in an early week; returns the corrected value. */
function correctOneWeek(script: PartnershipScript, calendar: DemoCalendar, reading: RecordedReading): number {
  const correctedValue = reading.value - 14;
  script.record(calendar.day(CORRECTION_DAY, '09:00'), 'CorrectReading', {
    readingId: reading.readingId,
    correctedValue,
    reason: 'CRM deduplication: 14 leads from a trade-show list import were counted twice.',
  }, 'marketing-automation');
  return correctedValue;
}

/** A monthly metric as the partners planned it: its target per month and how the readings came out against it. */
interface MonthlyMetric {
  definition: Omit<CommandData<'DefineMetric'>, 'cadence'>;
  /** The target of the month with this index; `undefined` for none. */
  target(monthIndex: number, isCurrentMonth: boolean): number | undefined;
  /** Reading = target x factor, month by month. */
  factors: readonly number[];
  /** Places the readings are rounded to (negative: tens, hundreds, thousands). */
  decimals: number;
  reportedBy: string;
}

const MONTHLY_METRICS: readonly MonthlyMetric[] = [
  {
    definition: {
      metricId: 'mql-to-sql-rate', name: 'MQL-to-SQL conversion rate', ownerTeamId: 'sales', indicator: 'leading', unit: 'percent',
      direction: 'higher-is-better', vocabularyTerm: 'sql',
      definition: 'Share of the MQLs handed over in the month that Sales qualified as SQLs.',
    },
    // Low at first, above target once the MQL definition is tightened.
    target: () => 30, factors: [0.78, 0.9, 1.08, 1.15, 1.12], decimals: 1, reportedBy: 'crm',
  },
  {
    definition: {
      metricId: 'pipeline-created', name: 'Pipeline created', ownerTeamId: 'sales', indicator: 'lagging', unit: 'EUR',
      direction: 'higher-is-better', definition: 'Total amount of the opportunities opened in the month from marketing-sourced leads.',
    },
    target: (month) => 1_200_000 + month * 50_000, factors: [0.88, 1.07, 0.97, 1.12, 1.04], decimals: -3, reportedBy: 'crm',
  },
  {
    definition: {
      metricId: 'revenue', name: 'Revenue', ownerTeamId: 'sales', indicator: 'lagging', unit: 'EUR', direction: 'higher-is-better',
      definition: 'Revenue booked in the month from deals whose first touch was marketing-sourced.',
    },
    target: () => 450_000, factors: [1.03, 0.91, 1.06, 0.97, 1.09], decimals: -3, reportedBy: 'finance-erp',
  },
  {
    definition: {
      metricId: 'win-rate', name: 'Win rate', ownerTeamId: 'sales', indicator: 'lagging', unit: 'percent', direction: 'higher-is-better',
      definition: 'Share of the opportunities closed in the month that were won.',
    },
    target: () => 22, factors: [0.95, 1.05, 0.86, 1.09, 1.0], decimals: 1, reportedBy: 'crm',
  },
  {
    definition: {
      metricId: 'cost-per-mql', name: 'Cost per MQL', ownerTeamId: 'marketing', indicator: 'lagging', unit: 'EUR', direction: 'lower-is-better',
      definition: 'Program spend of the month divided by the MQLs of the month.',
    },
    // Finance has not confirmed the budget of the current month yet: no target, a gap the views show.
    target: (_, isCurrentMonth) => (isCurrentMonth ? undefined : 180), factors: [1.12, 1.04, 0.93, 0.9, 0.95], decimals: 2, reportedBy: 'finance-erp',
  },
];

function monthlyMetricPlans(calendar: DemoCalendar): MetricPlan[] {
  const months = calendar.periods('monthly');
  const isCurrent = (month: number) => month === months.length - 1;
  return MONTHLY_METRICS.map((metric) => ({
    definition: { ...metric.definition, cadence: 'monthly' },
    definedAt: calendar.day(3, '15:00'),
    targetsSetAt: calendar.day(3, '15:30'),
    targetOf: (_, month) => metric.target(month, isCurrent(month)),
    valueOf: (_, month) => aroundTarget(metric.target(month, false) ?? 0, metric.factors, month, metric.decimals),
    reportedBy: metric.reportedBy,
    reportDelayHours: 56,
  }));
}
