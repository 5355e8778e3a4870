/**
 * How a row leaves the API. The SQL hands every value over exactly (instants as UTC ISO
 * 8601 text with microseconds, dates as YYYY-MM-DD, numbers and JSON as their text), so
 * nothing is rounded on the way; JSON then gives numbers as numbers and JSON as JSON,
 * CSV keeps the exact text, and cursors keep the exact sort values.
 */
import { escapeIdentifier } from 'pg';
import type { SourceColumn, SortTerm } from './query-source';
import { sourceRowColumn } from './query-source';
import type { CursorValue } from './cursor';

export type RawRow = Readonly<Record<string, unknown>>;
export type JsonValue = string | number | boolean | null | { readonly [key: string]: JsonValue } | readonly JsonValue[];

const UTC_INSTANT_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** The select-list entry of a column: its value in the exact form the API hands out. */
export function outputExpression(column: SourceColumn): string {
  const typed = sourceRowColumn(column.name);
  const name = escapeIdentifier(column.name);
  switch (column.type) {
    case 'timestamptz':
      return `to_char(${typed} AT TIME ZONE 'UTC', ${UTC_INSTANT_FORMAT}) AS ${name}`;
    case 'date':
      return `to_char(${typed}, 'YYYY-MM-DD') AS ${name}`;
    case 'numeric':
    case 'bigint':
    case 'jsonb':
      return `${typed}::text AS ${name}`;
    default:
      return `${typed} AS ${name}`;
  }
}

export function jsonRow(columns: readonly SourceColumn[], row: RawRow): Record<string, JsonValue> {
  return Object.fromEntries(columns.map((column) => [column.name, jsonValue(column, row[column.name])]));
}

function jsonValue(column: SourceColumn, value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (column.type === 'numeric' || column.type === 'bigint') return Number(value);
  if (column.type === 'jsonb') return JSON.parse(String(value)) as JsonValue;
  return value as JsonValue;
}

/** The row's values as CSV fields: exact text, NULL as null. */
export function csvFields(columns: readonly SourceColumn[], row: RawRow): (string | null)[] {
  return columns.map((column) => textOf(row[column.name]));
}

/** The sort values of a row, for the cursor of the page it ends. */
export function cursorValues(sort: readonly SortTerm[], row: RawRow): CursorValue[] {
  return sort.map(({ column }) => textOf(row[column]));
}

function textOf(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
