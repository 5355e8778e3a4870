/**
 * The opaque cursor of keyset pagination: the sort key values of the last row of a
 * page, bound to the source and the full sort they belong to. The next page starts
 * strictly after those values, so rows written meanwhile never shift it (OFFSET paging
 * would skip or repeat rows). Values are checked against their columns' types when the
 * cursor comes back: an edited cursor can only move where a page starts.
 */
import { BiQueryError } from './query-error';
import { findColumn, type QuerySource, type SortTerm } from './query-source';
import { normaliseValue } from './values';

export type CursorValue = string | null;

interface CursorPayload {
  readonly source: string;
  readonly sort: string;
  readonly after: readonly CursorValue[];
}

export function sortSpec(sort: readonly SortTerm[]): string {
  return sort.map(({ column, descending }) => `${descending ? '-' : ''}${column}`).join(',');
}

export function encodeCursor(source: QuerySource, sort: readonly SortTerm[], after: readonly CursorValue[]): string {
  const payload: CursorPayload = { source: source.name, sort: sortSpec(sort), after };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The values to start after; fails with `query.invalid-cursor` unless the cursor was made for this source and sort. */
export function decodeCursor(source: QuerySource, sort: readonly SortTerm[], cursor: string): CursorValue[] {
  const payload = parsePayload(cursor);
  if (payload.source !== source.name || payload.sort !== sortSpec(sort)) {
    throw invalid(`The cursor belongs to another query (${payload.source}, sort ${payload.sort}); keep sort and the view the same while paging.`);
  }
  if (payload.after.length !== sort.length) throw invalid('The cursor does not hold one value per sort column.');
  return sort.map(({ column }, index) => {
    const value = payload.after[index];
    const definition = findColumn(source.columns, column);
    if (value === null && definition?.nullable) return null;
    if (typeof value !== 'string' || definition === undefined || normaliseValue(definition.type, value) === null) {
      throw invalid(`The cursor's value for ${column} is not valid.`);
    }
    return value;
  });
}

function parsePayload(cursor: string): CursorPayload {
  try {
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPayload;
    if (typeof payload.source === 'string' && typeof payload.sort === 'string' && Array.isArray(payload.after)) return payload;
  } catch {
    // Reported below, as any other malformed cursor.
  }
  throw invalid('The cursor is not one this API returned; pass nextCursor from the previous page unchanged.');
}

function invalid(message: string): BiQueryError {
  return new BiQueryError('query.invalid-cursor', message, 'cursor');
}
