/**
 * Places a period named in an event (a target's or a reading's) on the calendar, with
 * the domain's own period rules. Events name a period without its cadence, but the five
 * period forms cannot be mistaken for one another, so the form tells the cadence.
 */
import { CADENCES } from '@ledger/contracts';
import { isValidPeriod, parsePeriod } from '@ledger/domain';
import { ProjectionError } from './projection-error';

export interface PeriodColumns {
  readonly period_start: string;
  /** Exclusive: the first day of the next period. */
  readonly period_end: string;
}

export function periodColumns(period: string): PeriodColumns {
  const cadence = CADENCES.find((candidate) => isValidPeriod(period, candidate));
  if (cadence === undefined) {
    throw new ProjectionError(
      'projection.invalid-period',
      `"${period}" is not a period of any cadence (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qn or YYYY).`,
      'data.period',
    );
  }
  const { start, end } = parsePeriod(period, cadence);
  return { period_start: calendarDay(start), period_end: calendarDay(end) };
}

function calendarDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
