/**
 * The ledger's global log as the audit reads it in bulk: every event in COMMIT order,
 * (transaction id, global position), the order `EventStore.readAll` returns.
 *
 * That order is the log's order for everything the audit does: leaf i of the Merkle
 * tree is the i-th event in it, exports and replays follow it, and a position range is
 * a pair of cursors in it. Only events of finished transactions are read (transaction
 * id below the snapshot's xmin, the same guard as readAll): whatever commits later gets
 * a higher transaction id and lands after everything read, so a prefix once sealed
 * never changes, and a late commit extends the log instead of slipping into its middle.
 * Global positions are unique but, in this order, not always increasing: two appends
 * to different streams may commit in the other order than they took their positions.
 *
 * A scan runs in one read-only REPEATABLE READ transaction as one binary COPY, read
 * ahead while the caller works on the rows before (`@ledger/projections`' log reader),
 * so a verification or an export reads one consistent snapshot at full speed without
 * holding the whole log in memory.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { LogEntry } from '@ledger/integrity';
import { readCommittedLog, type CopyBatch } from '@ledger/projections/log';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { ENVELOPE_ROWS, LEAF_ROWS, type RowShape } from './log-rows';

/** A place in the log: the (transaction id, position) of an event, the order's sort key. */
export interface LogCursor {
  transactionId: string;
  position: number;
}

/** Before the first event. */
export const START_OF_LOG: LogCursor = { transactionId: '0', position: 0 };

export interface LogScan {
  /** Exclusive: the scan starts after this event (default: the start of the log). */
  after?: LogCursor;
  /** Inclusive: the scan stops with this event (default: the end of the finished log). */
  through?: LogCursor;
  /** At most this many events. */
  limit?: number;
  pageSize?: number;
}

export interface LogPage<T> {
  items: T[];
  /** The transaction id of each item: with its position, the item's cursor. */
  transactionIds: string[];
  /** The cursor of the last item: pass it as `after` to continue. */
  last: LogCursor;
}

/** Mirrors `EventStore.readAll`: transactions that no reader can still see in flight. */
export const FINISHED_TRANSACTIONS = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';
export const COMMIT_ORDER = 'transaction_id, global_position';

const DEFAULT_PAGE_SIZE = 10_000;

export class CommittedLog {
  constructor(private readonly dataSource: DataSource) {}

  /** Whole events (every envelope field), page by page. */
  events(scan: LogScan = {}): AsyncGenerator<LogPage<EventEnvelope>> {
    return this.scan(ENVELOPE_ROWS, scan);
  }

  /** Just what a Merkle leaf needs: cheaper to read than whole events. */
  leaves(scan: LogScan = {}): AsyncGenerator<LogPage<LogEntry>> {
    return this.scan(LEAF_ROWS, scan);
  }

  /**
   * The rows of `columns` as binary COPY batches of whole rows (see log-rows.ts for
   * decoders), for readers that split the decoding between threads. `pageSize` does
   * not apply: a batch is about 128 KB.
   */
  async *batches(columns: string, scan: Omit<LogScan, 'pageSize'> = {}): AsyncGenerator<CopyBatch> {
    // A connection of the driver's own pool: COPY streams are not a TypeORM feature.
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const client = await pool.connect();
    let readToTheEnd = false;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      yield* readCommittedLog(client, { after: scan.after, through: scan.through, limit: scan.limit }, columns);
      readToTheEnd = true;
    } finally {
      if (readToTheEnd) await client.query('ROLLBACK').catch(() => undefined);
      // A COPY left half read keeps its connection busy: the pool closes it instead (the server rolls back).
      client.release(readToTheEnd ? undefined : new Error('The log scan stopped before its end.'));
    }
  }

  /** The cursor of the event at `position`, or null when no event has it. */
  async cursorOf(position: number): Promise<LogCursor | null> {
    const rows: { txid: string }[] = await this.dataSource.query(
      'SELECT transaction_id::text AS txid FROM ledger.events WHERE global_position = $1',
      [position],
    );
    return rows.length === 0 ? null : { transactionId: rows[0]!.txid, position };
  }

  /** The cursor of the event just before `cursor` in commit order (the start of the log for the first). */
  async cursorBefore(cursor: LogCursor): Promise<LogCursor> {
    const rows: OrderedKey[] = await this.dataSource.query(
      `SELECT transaction_id::text AS txid, global_position AS position FROM ledger.events
       WHERE (${COMMIT_ORDER}) < ($1::xid8, $2::bigint) ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
      [cursor.transactionId, cursor.position],
    );
    return rows.length === 0 ? START_OF_LOG : cursorOfRow(rows[0]!);
  }

  /** The zero-based index of the event at `cursor` among the finished events: its Merkle leaf index. */
  async leafIndexOf(cursor: LogCursor): Promise<number> {
    const rows: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS count FROM ledger.events WHERE ${FINISHED_TRANSACTIONS} AND (${COMMIT_ORDER}) < ($1::xid8, $2::bigint)`,
      [cursor.transactionId, cursor.position],
    );
    return Number(rows[0]!.count);
  }

  /** The cursor of the event with `eventId`, or null when no finished event has it. */
  async cursorOfEvent(eventId: string): Promise<LogCursor | null> {
    const rows: OrderedKey[] = await this.dataSource.query(
      `SELECT transaction_id::text AS txid, global_position AS position FROM ledger.events
       WHERE event_id = $1 AND ${FINISHED_TRANSACTIONS}`,
      [eventId],
    );
    return rows.length === 0 ? null : cursorOfRow(rows[0]!);
  }

  /** How many finished events lie in the scan's bounds. */
  async count(scan: Pick<LogScan, 'after' | 'through'> = {}): Promise<number> {
    const { where, params } = bounds(scan);
    const rows: { count: string }[] = await this.dataSource.query(`SELECT count(*) AS count FROM ledger.events WHERE ${where}`, params);
    return Number(rows[0]!.count);
  }

  /** The last finished event, or null for an empty log. */
  async lastCursor(): Promise<LogCursor | null> {
    const rows: OrderedKey[] = await this.dataSource.query(
      `SELECT transaction_id::text AS txid, global_position AS position FROM ledger.events
       WHERE ${FINISHED_TRANSACTIONS} ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
    );
    return rows.length === 0 ? null : cursorOfRow(rows[0]!);
  }

  /** The first event in commit order recorded at or after `instant`, or null. */
  async firstRecordedFrom(instant: Date): Promise<LogCursor | null> {
    return this.edgeRecorded('recorded_at >= $1', 'ASC', instant);
  }

  /** The last event in commit order recorded at or before `instant`, or null. */
  async lastRecordedUntil(instant: Date): Promise<LogCursor | null> {
    return this.edgeRecorded('recorded_at <= $1', 'DESC', instant);
  }

  private async edgeRecorded(condition: string, direction: 'ASC' | 'DESC', instant: Date): Promise<LogCursor | null> {
    const rows: OrderedKey[] = await this.dataSource.query(
      `SELECT transaction_id::text AS txid, global_position AS position FROM ledger.events
       WHERE ${FINISHED_TRANSACTIONS} AND ${condition}
       ORDER BY transaction_id ${direction}, global_position ${direction} LIMIT 1`,
      [instant.toISOString()],
    );
    return rows.length === 0 ? null : cursorOfRow(rows[0]!);
  }

  /** One snapshot, one COPY, decoded and cut into pages of `pageSize`. */
  private async *scan<T>(shape: RowShape<T>, scan: LogScan): AsyncGenerator<LogPage<T>> {
    const pageSize = Math.max(1, scan.pageSize ?? DEFAULT_PAGE_SIZE);
    let items: T[] = [];
    let transactionIds: string[] = [];
    for await (const batch of this.batches(shape.columns, scan)) {
      const decoded = shape.decode(batch);
      items = items.length === 0 ? decoded.items : items.concat(decoded.items);
      transactionIds = transactionIds.length === 0 ? decoded.transactionIds : transactionIds.concat(decoded.transactionIds);
      while (items.length >= pageSize) {
        yield pageOf(items.splice(0, pageSize), transactionIds.splice(0, pageSize));
      }
    }
    if (items.length > 0) yield pageOf(items, transactionIds);
  }
}

function pageOf<T>(items: T[], transactionIds: string[]): LogPage<T> {
  const last = items.length - 1;
  const position = (items[last] as { globalPosition: number }).globalPosition;
  return { items, transactionIds, last: { transactionId: transactionIds[last]!, position } };
}

/**
 * A cursor read back as text. Its columns are aliased apart from the table's, so that an
 * ORDER BY naming transaction_id or global_position sorts the table's (xid8, bigint)
 * columns, never these text copies: Postgres resolves a bare ORDER BY name to an output
 * column first, and xids sorted as text put 100000 before 99999.
 */
interface OrderedKey {
  txid: string;
  position: string | number;
}

function cursorOfRow(row: OrderedKey): LogCursor {
  return { transactionId: row.txid, position: Number(row.position) };
}

function bounds(scan: Pick<LogScan, 'after' | 'through'>): { where: string; params: unknown[] } {
  const after = scan.after ?? START_OF_LOG;
  const params: unknown[] = [after.transactionId, after.position];
  let where = `${FINISHED_TRANSACTIONS} AND (${COMMIT_ORDER}) > ($1::xid8, $2::bigint)`;
  if (scan.through) {
    params.push(scan.through.transactionId, scan.through.position);
    where += ` AND (${COMMIT_ORDER}) <= ($3::xid8, $4::bigint)`;
  }
  return { where, params };
}
