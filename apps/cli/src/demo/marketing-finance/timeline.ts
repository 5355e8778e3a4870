/**
 * When the Marketing-Finance story happens. DOMAIN.md asks what this agreement said on
 * 1 March, so its history is anchored on a 1 March rather than on the demo quarter:
 * the most recent 1 March at least four weeks before now (the previous year's when
 * this year's is too close or still ahead). The partnership is proposed six weeks
 * before it and in force by it; the amendment that makes 1 March differ from today
 * comes in the weeks after, so every one-off fact lies between six weeks before and
 * four weeks after that 1 March, and has come by now.
 */
import { atTimeOfDay, DAY_MS, type DemoCalendar, type DemoSpan } from '../demo-calendar';
import { periodOf } from '@ledger/domain';

/** One-off facts end this many days after 1 March; now lies at least one day later. */
export const LAST_DAY_AFTER_MARCH_FIRST = 27;
const WEEKS_BETWEEN_MARCH_FIRST_AND_NOW = 4;
export const PROPOSAL_DAYS_BEFORE_MARCH_FIRST = 42;

/** Midnight UTC of the most recent 1 March lying more than four weeks before `now`. */
export function marchFirstBefore(now: Date): Date {
  const latest = new Date(now.getTime() - WEEKS_BETWEEN_MARCH_FIRST_AND_NOW * 7 * DAY_MS);
  const thisYears = Date.UTC(latest.getUTCFullYear(), 2, 1);
  return new Date(thisYears < latest.getTime() ? thisYears : Date.UTC(latest.getUTCFullYear() - 1, 2, 1));
}

export class MarketingFinanceTimeline {
  /** Midnight UTC of the 1 March the sample question asks about. */
  readonly marchFirst: Date;
  /** From the proposal to now: the periods the partnership's metrics and SLA cover. */
  readonly span: DemoSpan;

  constructor(calendar: DemoCalendar) {
    this.marchFirst = marchFirstBefore(calendar.now);
    this.span = calendar.since(this.at(-PROPOSAL_DAYS_BEFORE_MARCH_FIRST, '00:00'));
  }

  /** The moment `time` (HH:MM, UTC) `days` days after 1 March (before it when negative); an arrow, so builders can destructure it. */
  readonly at = (days: number, time = '09:00'): Date => {
    if (days > LAST_DAY_AFTER_MARCH_FIRST) {
      throw new RangeError(`Day ${days} after 1 March may lie after now; one-off facts end on day ${LAST_DAY_AFTER_MARCH_FIRST}.`);
    }
    return atTimeOfDay(this.dayAfterMarchFirst(days), time);
  };

  /** The calendar date (YYYY-MM-DD) `days` days after 1 March, for due dates; may lie after now. */
  readonly date = (days: number): string => periodOf(this.dayAfterMarchFirst(days), 'daily');

  private dayAfterMarchFirst(days: number): Date {
    return new Date(this.marchFirst.getTime() + days * DAY_MS);
  }
}
