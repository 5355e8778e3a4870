/**
 * Reporting periods: the text form a target, a reading or a due date names a span of
 * time in, one form per cadence (daily `YYYY-MM-DD`, weekly ISO week `YYYY-Www`,
 * monthly `YYYY-MM`, quarterly `YYYY-Qn`, yearly `YYYY`). Everything is UTC and every
 * span is half-open (`end` is the first instant after it), so consecutive periods
 * tile time without overlap. The domain validates with these; projections reuse them
 * to place readings and observations in the same periods.
 */
import type { Cadence } from '@ledger/contracts';
import { DomainError } from './partnership/errors';

export interface PeriodRange {
  start: Date;
  /** Exclusive: the start of the next period. */
  end: Date;
}

interface PeriodFormat {
  /** How the form reads, with an example, for error messages. */
  description: string;
  parse(period: string): PeriodRange | null;
  format(date: Date): string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

/** Midnight UTC of a calendar day; months and days overflow as `Date` does. */
function utcDay(year: number, monthIndex: number, day: number): Date {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  date.setUTCFullYear(year, monthIndex, day);
  return date;
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** ISO 8601: week 1 is the week (Monday first) that holds the year's first Thursday, i.e. 4 January. */
function mondayOfIsoWeekOne(isoYear: number): Date {
  const fourthOfJanuary = utcDay(isoYear, 0, 4);
  const daysSinceMonday = (fourthOfJanuary.getUTCDay() + 6) % 7;
  return addDays(fourthOfJanuary, -daysSinceMonday);
}

function isoWeeksIn(isoYear: number): number {
  return (mondayOfIsoWeekOne(isoYear + 1).getTime() - mondayOfIsoWeekOne(isoYear).getTime()) / WEEK_MS;
}

/** A week belongs to the ISO year of its Thursday. */
function isoWeekOf(date: Date): { isoYear: number; week: number } {
  const midnight = utcDay(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const thursday = addDays(midnight, 3 - ((midnight.getUTCDay() + 6) % 7));
  const isoYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - mondayOfIsoWeekOne(isoYear).getTime()) / WEEK_MS);
  return { isoYear, week };
}

function matchNumbers(pattern: RegExp, period: string): number[] | null {
  const match = pattern.exec(period);
  return match ? match.slice(1).map(Number) : null;
}

const PERIOD_FORMATS: Readonly<Record<Cadence, PeriodFormat>> = {
  daily: {
    description: 'YYYY-MM-DD, e.g. 2025-03-14',
    parse(period) {
      const numbers = matchNumbers(/^(\d{4})-(\d{2})-(\d{2})$/, period);
      if (!numbers) return null;
      const [year, month, day] = numbers;
      const start = utcDay(year, month - 1, day);
      // An overflowing day (2025-02-30) lands in another month: not a calendar date.
      const isCalendarDate = start.getUTCMonth() === month - 1 && start.getUTCDate() === day;
      return isCalendarDate ? { start, end: addDays(start, 1) } : null;
    },
    format: (date) => `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}`,
  },
  weekly: {
    description: 'the ISO week YYYY-Www, e.g. 2025-W11',
    parse(period) {
      const numbers = matchNumbers(/^(\d{4})-W(\d{2})$/, period);
      if (!numbers) return null;
      const [isoYear, week] = numbers;
      if (week < 1 || week > isoWeeksIn(isoYear)) return null;
      const start = addDays(mondayOfIsoWeekOne(isoYear), (week - 1) * 7);
      return { start, end: addDays(start, 7) };
    },
    format(date) {
      const { isoYear, week } = isoWeekOf(date);
      return `${pad(isoYear, 4)}-W${pad(week, 2)}`;
    },
  },
  monthly: {
    description: 'YYYY-MM, e.g. 2025-03',
    parse(period) {
      const numbers = matchNumbers(/^(\d{4})-(\d{2})$/, period);
      if (!numbers) return null;
      const [year, month] = numbers;
      if (month < 1 || month > 12) return null;
      return { start: utcDay(year, month - 1, 1), end: utcDay(year, month, 1) };
    },
    format: (date) => `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}`,
  },
  quarterly: {
    description: 'YYYY-Qn with n from 1 to 4, e.g. 2025-Q1',
    parse(period) {
      const numbers = matchNumbers(/^(\d{4})-Q([1-4])$/, period);
      if (!numbers) return null;
      const [year, quarter] = numbers;
      return { start: utcDay(year, (quarter - 1) * 3, 1), end: utcDay(year, quarter * 3, 1) };
    },
    format: (date) => `${pad(date.getUTCFullYear(), 4)}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`,
  },
  yearly: {
    description: 'YYYY, e.g. 2025',
    parse(period) {
      const numbers = matchNumbers(/^(\d{4})$/, period);
      if (!numbers) return null;
      const [year] = numbers;
      return { start: utcDay(year, 0, 1), end: utcDay(year + 1, 0, 1) };
    },
    format: (date) => pad(date.getUTCFullYear(), 4),
  },
};

/** How a period of this cadence is written, with an example, for messages. */
export function describePeriodFormat(cadence: Cadence): string {
  return PERIOD_FORMATS[cadence].description;
}

export function isValidPeriod(period: string, cadence: Cadence): boolean {
  return PERIOD_FORMATS[cadence].parse(period) !== null;
}

/** The span a period covers; throws `period.invalid` when it is not a period of that cadence. */
export function parsePeriod(period: string, cadence: Cadence): PeriodRange {
  const range = PERIOD_FORMATS[cadence].parse(period);
  if (!range) {
    throw DomainError.rule(
      'period.invalid',
      `"${period}" is not a ${cadence} period; expected ${describePeriodFormat(cadence)}.`,
      'period',
    );
  }
  return range;
}

/** The period of this cadence that contains the instant (in UTC). */
export function periodOf(date: Date, cadence: Cadence): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('periodOf needs a valid date, got an invalid Date.');
  return PERIOD_FORMATS[cadence].format(date);
}
