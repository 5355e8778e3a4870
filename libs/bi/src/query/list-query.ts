/**
 * Reads a list query from the URL's parameters, strictly: `filter[column]` and
 * `filter[column][operator]`, `sort`, `cursor`, `limit`, and what the route adds
 * (`format`, `per`). Anything else, an unknown column, an operator that does not fit
 * the column's type or a malformed value is a `BiQueryError` naming the parameter, so
 * a typo never silently returns everything.
 */
import type { Filter } from './filters';
import { parseFilter } from './filters';
import { decodeCursor, type CursorValue } from './cursor';
import { BiQueryError } from './query-error';
import { findColumn, type QuerySource, type SortTerm } from './query-source';

export type ResponseFormat = 'json' | 'csv';

export interface ListQuery {
  readonly filters: readonly Filter[];
  /** The sort asked for, ended by the source's unique columns. */
  readonly sort: readonly SortTerm[];
  /** The sort values of the row to start after; null for the first page. */
  readonly after: readonly CursorValue[] | null;
  /** Rows per page; null for every row (CSV exports). */
  readonly limit: number | null;
}

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1_000;

const FILTER_PARAMETER = /^filter\[([^\][]+)\](?:\[([^\][]+)\])?$/;
const LIST_PARAMETERS = ['sort', 'cursor', 'limit'];

export interface ListQueryOptions {
  readonly format: ResponseFormat;
  /** Further parameters the route reads itself, e.g. `format`, `per`. */
  readonly routeParameters: readonly string[];
}

export function parseListQuery(source: QuerySource, parameters: URLSearchParams, options: ListQueryOptions): ListQuery {
  const filters: Filter[] = [];
  const seen = new Set<string>();
  for (const [name, value] of parameters) {
    if (seen.has(name)) throw new BiQueryError('query.invalid-value', `Parameter ${name} is given more than once.`, name);
    seen.add(name);
    const filter = FILTER_PARAMETER.exec(name);
    if (filter) filters.push(parseFilter(source.filterColumns, name, filter[1], filter[2] ?? 'eq', value));
    else if (!LIST_PARAMETERS.includes(name) && !options.routeParameters.includes(name)) {
      const known = ['filter[column]', 'filter[column][operator]', ...LIST_PARAMETERS, ...options.routeParameters];
      throw new BiQueryError('query.unknown-parameter', `Unknown query parameter "${name}"; the parameters are: ${known.join(', ')}.`, name);
    }
  }
  const sort = sortOf(source, parameters.get('sort'));
  const cursor = parameters.get('cursor');
  return {
    filters,
    sort,
    after: cursor === null ? null : decodeCursor(source, sort, cursor),
    limit: limitOf(parameters.get('limit'), options.format),
  };
}

function sortOf(source: QuerySource, text: string | null): SortTerm[] {
  const asked = text === null ? source.defaultSort : text.split(',').map((item) => sortTerm(source, item));
  const named = new Set<string>();
  for (const term of asked) {
    if (named.has(term.column)) throw new BiQueryError('query.invalid-sort', `Column "${term.column}" appears twice in sort.`, 'sort');
    named.add(term.column);
  }
  const tieBreakers = source.unique.filter((column) => !named.has(column)).map((column) => ({ column, descending: false }));
  return [...asked, ...tieBreakers];
}

function sortTerm(source: QuerySource, item: string): SortTerm {
  const descending = item.startsWith('-');
  const name = descending ? item.slice(1) : item;
  const column = findColumn(source.columns, name);
  if (!column) {
    throw new BiQueryError('query.unknown-column', `Cannot sort by "${name}": there is no such column; sort=-col1,col2 names columns, - for descending.`, 'sort');
  }
  if (column.type === 'jsonb') throw new BiQueryError('query.invalid-sort', `Column "${name}" holds JSON and cannot be sorted on.`, 'sort');
  return { column: name, descending };
}

function limitOf(text: string | null, format: ResponseFormat): number | null {
  if (text === null) return format === 'csv' ? null : DEFAULT_PAGE_SIZE;
  const limit = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  const max = format === 'csv' ? Number.MAX_SAFE_INTEGER : MAX_PAGE_SIZE;
  if (!(limit >= 1 && limit <= max)) {
    const range = format === 'csv' ? 'a whole number from 1' : `a whole number from 1 to ${MAX_PAGE_SIZE} (or ask for CSV, which streams every row)`;
    throw new BiQueryError('query.invalid-limit', `limit must be ${range}; got "${text}".`, 'limit');
  }
  return limit;
}
