/**
 * The demo's time, anchored on `now` so that "last month", "this quarter" and "the
 * current period" always hold data whatever the date. A `DemoSpan` is any stretch of
 * business time that ends now: its periods, and whether a moment has come yet (nothing
 * in the demo happens after `now`). The `DemoCalendar` is the demo quarter: the 13 full
 * ISO weeks before the week of `now`, plus that week so far. Builders place one-off
 * facts by day of the quarter (day 0 is the Monday it starts on; days up to 90 are
 * always past) and recurring facts by period. A partnership whose story began before
 * the quarter takes a longer span from `since`.
 */
import type { Cadence } from '@ledger/contracts';
import { parsePeriod, periodOf } from '@ledger/domain';

export interface DemoPeriod {
  /** The period in the ledger's notation, e.g. `2026-W14` or `2026-04`. */
  period: string;
  start: Date;
  /** Exclusive: the start of the next period. */
  end: Date;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
const FULL_WEEKS = 13;
/** The last day index guaranteed to lie before `now` (the quarter is at least 91 days old). */
export const LAST_PAST_DAY = FULL_WEEKS * 7 - 1;

/** Business time from `start` to `now`. */
export class DemoSpan {
  constructor(
    readonly start: Date,
    readonly now: Date,
  ) {}

  /** Every period of the cadence that overlaps the span, the current one last. */
  periods(cadence: Cadence): DemoPeriod[] {
    const periods: DemoPeriod[] = [];
    for (let at = this.start; at <= this.now; ) {
      const period = periodContaining(at, cadence);
      periods.push(period);
      at = period.end;
    }
    return periods;
  }

  hasCome(moment: Date): boolean {
    return moment.getTime() <= this.now.getTime();
  }

  /** A report due after a period ends, but never later than now (it is sent as soon as the period closes). */
  reportedAfter(period: DemoPeriod, delayHours: number): Date {
    const due = period.end.getTime() + delayHours * 3_600_000;
    return new Date(Math.min(due, this.now.getTime()));
  }
}

export class DemoCalendar extends DemoSpan {
  /** `start` is Monday 00:00 UTC of the first full week. */
  constructor(now: Date) {
    super(quarterStartOf(now), now);
  }

  /** The moment `time` (HH:MM, UTC) on day `dayIndex` of the quarter (an arrow, so builders can destructure it). */
  readonly day = (dayIndex: number, time = '09:00'): Date => {
    if (dayIndex > LAST_PAST_DAY) throw new RangeError(`Day ${dayIndex} may lie after now; one-off demo facts end on day ${LAST_PAST_DAY}.`);
    return atTimeOfDay(new Date(this.start.getTime() + dayIndex * DAY_MS), time);
  };

  /** The calendar date (YYYY-MM-DD) of a day of the quarter, for due dates; may lie after now. */
  readonly date = (dayIndex: number): string => periodOf(new Date(this.start.getTime() + dayIndex * DAY_MS), 'daily');

  /** The span from an earlier `start` to the same now. */
  since(start: Date): DemoSpan {
    return new DemoSpan(start, this.now);
  }
}

/** The moment `time` (HH:MM, UTC) on the day that starts at `midnight`. */
export function atTimeOfDay(midnight: Date, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number);
  return new Date(midnight.getTime() + (hours * 60 + minutes) * 60_000);
}

function quarterStartOf(now: Date): Date {
  if (Number.isNaN(now.getTime())) throw new RangeError('The demo calendar needs a valid date as now.');
  return new Date(periodContaining(now, 'weekly').start.getTime() - FULL_WEEKS * 7 * DAY_MS);
}

function periodContaining(moment: Date, cadence: Cadence): DemoPeriod {
  const period = periodOf(moment, cadence);
  return { period, ...parsePeriod(period, cadence) };
}
