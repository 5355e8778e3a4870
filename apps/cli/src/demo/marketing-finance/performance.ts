/**
 * Marketing-Finance, performance ownership and the service level between them, from
 * the proposal to now: ROMI (quarterly, lagging, Finance), budget variance (monthly,
 * Marketing, lower is better; its target tightened from 5% to 3% by the amendment) and
 * CAC (monthly, lagging, Finance), each read once its period closed; and Finance's
 * promise to close each region's monthly spend report within 5 business days, slow
 * mostly after the year-end close.
 */
import { DAY_MS, type DemoPeriod } from '../demo-calendar';
import { aroundTarget, recordMetric } from '../metric-plan';
import type { PartnershipScript } from '../partnership-script';
import { SeededRandom } from '../seeded-random';
import { AMENDMENT_IN_FORCE_DAY } from './agreement';
import type { MarketingFinanceTimeline } from './timeline';

const SPEND_REPORT_SLA = 'monthly-spend-report-close';
const REGIONS = ['emea', 'north-america', 'latin-america', 'apac'] as const;
/** Finance reports a month's figures on the 8th at 09:00, once the month is closed, and a quarter's three weeks after it. */
const MONTHLY_REPORT_DELAY_HOURS = 7 * 24 + 9;
const QUARTERLY_REPORT_DELAY_HOURS = 21 * 24 + 9;
const VARIANCE_TARGET_BEFORE_AMENDMENT = 5;
const VARIANCE_TARGET_AFTER_AMENDMENT = 3;

export function recordMarketingFinancePerformance(script: PartnershipScript, timeline: MarketingFinanceTimeline): void {
  recordMetrics(script, timeline);
  recordSpendReportSla(script, timeline);
}

function recordMetrics(script: PartnershipScript, timeline: MarketingFinanceTimeline): void {
  const { at, span } = timeline;
  const planned = { definedAt: at(-28, '10:00'), targetsSetAt: at(-28, '10:30') };
  recordMetric(script, span, {
    ...planned,
    definition: {
      metricId: 'romi', name: 'Return on marketing investment (ROMI)', ownerTeamId: 'finance', indicator: 'lagging', unit: 'ratio',
      direction: 'higher-is-better', cadence: 'quarterly',
      definition: 'Marketing-sourced gross margin of the quarter divided by the marketing spend of the quarter, six-month lookback.',
    },
    targetOf: () => 3.2,
    valueOf: (_, index) => aroundTarget(3.2, [0.91, 1.06, 1.12, 0.97, 1.08], index, 2),
    reportedBy: 'finance-data-warehouse',
    reportDelayHours: QUARTERLY_REPORT_DELAY_HOURS,
  });
  const cacTarget = (index: number) => 1_900 - 25 * Math.min(index, 12);
  recordMetric(script, span, {
    ...planned,
    definition: {
      metricId: 'customer-acquisition-cost', name: 'Customer acquisition cost (CAC)', ownerTeamId: 'finance', indicator: 'lagging',
      unit: 'EUR', direction: 'lower-is-better', cadence: 'monthly',
      definition: 'Marketing and sales spend of the month divided by the new customers won in the month.',
    },
    targetOf: (_, index) => cacTarget(index),
    valueOf: (_, index) => aroundTarget(cacTarget(index), [1.08, 1.03, 0.97, 1.05, 0.94, 0.99], index),
    reportedBy: 'finance-data-warehouse',
    reportDelayHours: MONTHLY_REPORT_DELAY_HOURS,
  });
  recordBudgetVariance(script, timeline, planned);
}

/** Planned at 5% for every month; the amendment re-plans the months that start once it is in force at 3%. */
function recordBudgetVariance(script: PartnershipScript, { at, span }: MarketingFinanceTimeline, planned: { definedAt: Date; targetsSetAt: Date }): void {
  const amendedAt = at(AMENDMENT_IN_FORCE_DAY, '15:00');
  const targetOf = (month: DemoPeriod) => (month.start > amendedAt ? VARIANCE_TARGET_AFTER_AMENDMENT : VARIANCE_TARGET_BEFORE_AMENDMENT);
  recordMetric(script, span, {
    ...planned,
    definition: {
      metricId: 'budget-variance', name: 'Marketing budget variance', ownerTeamId: 'marketing', indicator: 'leading', unit: 'percent',
      direction: 'lower-is-better', cadence: 'monthly',
      definition: 'Difference between actual and budgeted marketing spend of the month, either way, as a share of the budget.',
    },
    targetOf: () => VARIANCE_TARGET_BEFORE_AMENDMENT,
    valueOf: (month, index) => aroundTarget(targetOf(month), [1.3, 0.8, 0.9, 1.15, 0.7, 0.95], index, 1),
    reportedBy: 'finance-erp',
    reportDelayHours: MONTHLY_REPORT_DELAY_HOURS,
  });
  for (const month of span.periods('monthly').filter((period) => period.start > amendedAt)) {
    script.record(at(AMENDMENT_IN_FORCE_DAY + 1, '10:00'), 'SetMetricTarget', {
      metricId: 'budget-variance', period: month.period, target: VARIANCE_TARGET_AFTER_AMENDMENT,
    });
  }
}

/** Draws every month's closes whether or not they happened yet, so the numbers never depend on the hour of `now`. */
function recordSpendReportSla(script: PartnershipScript, { at, span }: MarketingFinanceTimeline): void {
  const definedAt = at(-28, '11:00');
  script.record(definedAt, 'DefineSla', {
    slaId: SPEND_REPORT_SLA,
    name: 'Finance closes the monthly marketing spend report within 5 business days',
    providerTeamId: 'finance',
    beneficiaryTeamId: 'marketing',
    measure: 'Business days from the end of the month to the closed marketing spend report of a region',
    unit: 'business days',
    threshold: { comparator: 'at-most', value: 5 },
    complianceTarget: 0.9,
    compliancePeriod: 'monthly',
  });
  const random = SeededRandom.fromText('mkt-finance/spend-report-close');
  for (const month of span.periods('monthly')) {
    // The December report waits for the year-end close.
    const breachChance = month.start.getUTCMonth() === 11 ? 0.6 : 0.08;
    REGIONS.forEach((region, regionIndex) => {
      const businessDays = random.chance(breachChance) ? random.integer(6, 9) : random.integer(2, 5);
      const closedAt = new Date(businessDayAfter(month.end, businessDays).getTime() + (16 * 60 + regionIndex * 20) * 60_000);
      if (closedAt <= definedAt || !span.hasCome(closedAt)) return;
      script.record(closedAt, 'RecordSlaObservation', {
        observationId: `spend-report-${month.period}-${region}`,
        slaId: SPEND_REPORT_SLA,
        value: businessDays,
        subject: `Marketing spend report ${month.period}, ${region}`,
      }, 'finance-erp');
    });
  }
}

/** Midnight UTC of the `count`-th weekday on or after `start` (itself a midnight). */
function businessDayAfter(start: Date, count: number): Date {
  let day = start;
  let counted = 0;
  for (;;) {
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted += 1;
    if (counted === count) return day;
    day = new Date(day.getTime() + DAY_MS);
  }
}
