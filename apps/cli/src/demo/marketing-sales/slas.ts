/**
 * Marketing-Sales, the service levels each partner owes the other. Sales contacts every
 * MQL within one hour (the CRM reports about 25 first contacts a week, mostly fast, a
 * few late, and one bad week while the SDRs were at the sales kickoff); Marketing
 * delivers at least 400 MQLs a month (met until the stricter MQL definition).
 */
import type { CommandData } from '@ledger/domain';
import type { DemoCalendar, DemoPeriod } from '../demo-calendar';
import type { PartnershipScript } from '../partnership-script';
import { SeededRandom } from '../seeded-random';
import type { WeeklyMqlCount } from './performance';

/** The CRM's SLA: the one the demo observes most, and the one load-bearing test suites write to. */
export const FIRST_CONTACT_SLA: CommandData<'DefineSla'> = {
  slaId: 'mql-first-contact',
  name: 'Sales contacts every MQL within 1 hour',
  providerTeamId: 'sales',
  beneficiaryTeamId: 'marketing',
  measure: 'Minutes from MQL hand-off to the first sales call or email',
  unit: 'minutes',
  threshold: { comparator: 'at-most', value: 60 },
  complianceTarget: 0.9,
  compliancePeriod: 'weekly',
};
const MONTHLY_MQL_SLA = 'monthly-mql-volume';
const SALES_KICKOFF_WEEK_INDEX = 8;
const FIRST_LEAD_NUMBER = 48_200;
const DAY_MS = 24 * 60 * 60 * 1000;

export function recordMarketingSalesSlas(script: PartnershipScript, calendar: DemoCalendar, weeklyMqls: WeeklyMqlCount[]): void {
  const firstContactDefinedAt = calendar.day(4, '10:30');
  script.record(firstContactDefinedAt, 'DefineSla', FIRST_CONTACT_SLA);
  recordFirstContacts(script, calendar, firstContactDefinedAt);

  const monthlyVolumeDefinedAt = calendar.day(4, '10:45');
  script.record(monthlyVolumeDefinedAt, 'DefineSla', {
    slaId: MONTHLY_MQL_SLA,
    name: 'Marketing delivers at least 400 MQLs per month',
    providerTeamId: 'marketing',
    beneficiaryTeamId: 'sales',
    measure: 'MQLs handed to Sales in the month',
    unit: 'leads',
    threshold: { comparator: 'at-least', value: 400 },
    complianceTarget: 1,
    compliancePeriod: 'monthly',
  });
  recordMonthlyMqlVolumes(script, calendar, monthlyVolumeDefinedAt, weeklyMqls);
}

/** Draws every week's cases whether or not they happened yet, so the numbers never depend on the hour of `now`. */
function recordFirstContacts(script: PartnershipScript, calendar: DemoCalendar, definedAt: Date): void {
  const random = SeededRandom.fromText('mkt-sales/first-contact');
  let leadNumber = FIRST_LEAD_NUMBER;
  calendar.periods('weekly').forEach((week, weekIndex) => {
    const breachChance = weekIndex === SALES_KICKOFF_WEEK_INDEX ? 0.45 : 0.07;
    const cases = random.integer(22, 28);
    for (let caseIndex = 1; caseIndex <= cases; caseIndex++) {
      const handedOverAt = workingMomentOf(week, random);
      const minutes = random.chance(breachChance) ? random.integer(61, 240) : random.integer(2, 58);
      leadNumber += 1;
      if (handedOverAt <= definedAt || !calendar.hasCome(handedOverAt)) continue;
      script.record(handedOverAt, 'RecordSlaObservation', {
        observationId: `first-contact-${week.period}-${String(caseIndex).padStart(2, '0')}`,
        slaId: FIRST_CONTACT_SLA.slaId,
        value: minutes,
        subject: `lead-${leadNumber}`,
      }, 'crm');
    }
  });
}

/** A moment in office hours (08:00 to 18:00 UTC), Monday to Friday of the week. */
function workingMomentOf(week: DemoPeriod, random: SeededRandom): Date {
  const dayOffset = random.integer(0, 4);
  const minuteOfDay = random.integer(8 * 60, 18 * 60 - 1);
  return new Date(week.start.getTime() + dayOffset * DAY_MS + minuteOfDay * 60_000);
}

/**
 * One observation per month the SLA covered in full, at the month's close: the MQLs of
 * the weeks whose Thursday falls in the month (ISO weeks belong where their Thursday is).
 */
function recordMonthlyMqlVolumes(script: PartnershipScript, calendar: DemoCalendar, definedAt: Date, weeklyMqls: WeeklyMqlCount[]): void {
  const closedMonths = calendar.periods('monthly').filter((month) => month.start >= definedAt && calendar.hasCome(month.end));
  for (const month of closedMonths) {
    const thursdayIn = ({ period }: WeeklyMqlCount) => new Date(period.start.getTime() + 3 * DAY_MS);
    const weeks = weeklyMqls.filter((week) => thursdayIn(week) >= month.start && thursdayIn(week) < month.end);
    const mqls = weeks.reduce((sum, week) => sum + week.value, 0);
    script.record(new Date(month.end.getTime() - 4 * 3_600_000), 'RecordSlaObservation', {
      observationId: `mql-volume-${month.period}`,
      slaId: MONTHLY_MQL_SLA,
      value: mqls,
      subject: month.period,
    }, 'marketing-automation');
  }
}
