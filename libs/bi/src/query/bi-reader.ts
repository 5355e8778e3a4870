/**
 * Runs list queries against PostgreSQL: one page at a time (JSON), one row by its key,
 * or every row streamed through a server-side cursor (CSV exports), which holds only
 * one batch in memory and reads one consistent snapshot from the first row to the last.
 *
 * The pool it is given should connect as the BI role (see the query API), so whatever
 * SQL runs here can read schema `bi` and nothing else.
 */
import type { Pool, PoolClient } from 'pg';
import type { BiView } from '../catalogue/bi-view';
import { KEY_SEPARATOR } from '../catalogue/column';
import { encodeCursor } from './cursor';
import { parseFilter, type Filter } from './filters';
import { DEFAULT_PAGE_SIZE, type ListQuery } from './list-query';
import { listStatement } from './list-statement';
import { BiQueryError } from './query-error';
import { viewSource, type QuerySource } from './query-source';
import { cursorValues, type RawRow } from './row-format';

export interface Page {
  readonly rows: readonly RawRow[];
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/** Receives an export's rows batch by batch; resolves false to stop early (the client went away). */
export type RowSink = (rows: readonly RawRow[]) => Promise<boolean>;

const EXPORT_BATCH_SIZE = 1_000;
const EXPORT_CURSOR = 'bi_export';

export class BiReader {
  constructor(private readonly pool: Pool) {}

  async page(source: QuerySource, query: ListQuery): Promise<Page> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    // One row more than the page says whether another page follows.
    const { rows } = await this.pool.query<RawRow>(listStatement(source, query, limit + 1));
    const pageRows = rows.slice(0, limit);
    const last = pageRows[pageRows.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor(source, query.sort, cursorValues(query.sort, last)) : null;
    return { rows: pageRows, nextCursor };
  }

  /** The row whose key (`view.key.column`) is `id`; fails with `query.resource-not-found`. */
  async find(view: BiView, id: string): Promise<RawRow> {
    const source = viewSource(view);
    const parts = id.split(KEY_SEPARATOR);
    const notFound = new BiQueryError(
      'query.resource-not-found',
      `${view.name} has no row with ${view.key.column} "${id}" (${view.key.parts.join(KEY_SEPARATOR)}).`,
    );
    if (parts.length !== view.key.parts.length) throw notFound;
    const filters = keyFilters(source, view.key.parts, parts, notFound);
    const { rows } = await this.pool.query<RawRow>(listStatement(source, { filters, sort: source.defaultSort, after: null }, 1));
    if (rows.length === 0) throw notFound;
    return rows[0];
  }

  /** Streams every row of the query (up to its limit, if any) to `sink`, in order, from one snapshot. */
  async export(source: QuerySource, query: ListQuery, sink: RowSink): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const statement = listStatement(source, query, query.limit);
      await client.query(`DECLARE ${EXPORT_CURSOR} NO SCROLL CURSOR FOR ${statement.text}`, statement.values);
      await this.drain(client, sink);
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      // Closing the connection ends its transaction and cursor, whatever state a failure left them in.
      client.release(true);
      throw error;
    }
  }

  private async drain(client: PoolClient, sink: RowSink): Promise<void> {
    for (;;) {
      const { rows } = await client.query<RawRow>(`FETCH ${EXPORT_BATCH_SIZE} FROM ${EXPORT_CURSOR}`);
      if (rows.length === 0) return;
      if (!(await sink(rows))) return;
      if (rows.length < EXPORT_BATCH_SIZE) return;
    }
  }
}

/** The filters finding a key's parts; a part that is no value of its column's type matches no row. */
function keyFilters(source: QuerySource, columns: readonly string[], parts: readonly string[], notFound: BiQueryError): Filter[] {
  try {
    return columns.map((column, index) => parseFilter(source.filterColumns, column, column, 'eq', parts[index]));
  } catch {
    throw notFound;
  }
}
