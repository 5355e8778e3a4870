/**
 * Values in a query (filters, cursors) arrive as text. Each is checked against its
 * column's type here, with a sentence saying what was expected, and then travels to
 * PostgreSQL as a text parameter cast to that type: a value can never become SQL, and
 * a malformed one is a 400, not a database error.
 */
import { BI_COLUMN_TYPES, type BiColumnType } from '../catalogue/column';

const INTEGER = /^-?\d{1,19}$/;
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d{1,4})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** An instant with its offset; without one the same text means different instants on different servers. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT_LENGTH = 1_000;

const INT_RANGE: Partial<Record<BiColumnType, bigint>> = { integer: 2_147_483_647n, bigint: 9_223_372_036_854_775_807n };

const EXPECTED: Record<BiColumnType, string> = {
  text: `a text of at most ${MAX_TEXT_LENGTH} characters`,
  integer: 'a whole number',
  bigint: 'a whole number',
  numeric: 'a number such as 12, -0.5 or 1e6',
  boolean: 'true or false',
  date: 'a calendar date YYYY-MM-DD',
  timestamptz: 'an instant with its offset, e.g. 2025-03-01T00:00:00Z, or a date YYYY-MM-DD (midnight UTC)',
  jsonb: 'nothing: JSON columns cannot be compared',
};

/** The value as PostgreSQL should read it, or null when it is not a valid `type`. */
export function normaliseValue(type: BiColumnType, text: string): string | null {
  switch (type) {
    case 'integer':
    case 'bigint':
      return INTEGER.test(text) && absolute(BigInt(text)) <= (INT_RANGE[type] as bigint) ? text : null;
    case 'numeric':
      return NUMBER.test(text) ? text : null;
    case 'boolean':
      return text === 'true' || text === 'false' ? text : null;
    case 'date':
      return DATE.test(text) && isCalendarDate(text) ? text : null;
    case 'timestamptz':
      if (DATE.test(text)) return isCalendarDate(text) ? `${text}T00:00:00Z` : null;
      return INSTANT.test(text) && isCalendarDate(text.slice(0, 10)) ? text : null;
    case 'text':
      return text.length <= MAX_TEXT_LENGTH ? text : null;
    case 'jsonb':
      return null;
  }
}

export function expectedValue(type: BiColumnType): string {
  return EXPECTED[type];
}

/** `$n::type`: a text parameter read as the column's type. */
export function typedParameter(index: number, type: BiColumnType, array = false): string {
  return `$${index}::${BI_COLUMN_TYPES[type]}${array ? '[]' : ''}`;
}

function absolute(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function isCalendarDate(text: string): boolean {
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
