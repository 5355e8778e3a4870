/**
 * The recorded history as an auditor pages through it, with every envelope field (who,
 * when in business and ledger time, from which system, correlation and causation):
 * one stream in version order, or the global log in commit order (the log's order, see
 * committed-log.ts). Pages are cut by cursor, never by offset, so rows recorded while
 * someone pages are neither skipped nor repeated; filters by correlation id and actor
 * narrow a page without changing the order.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { toEnvelope, type EventRow } from '@ledger/event-store';
import type { DataSource } from 'typeorm';
import { AuditError } from '../audit-error';
import { COMMIT_ORDER, FINISHED_TRANSACTIONS, START_OF_LOG, type CommittedLog } from '../log/committed-log';

export interface HistoryFilter {
  correlationId?: string;
  actor?: string;
}

export interface StreamHistoryPage {
  streamId: string;
  events: EventEnvelope[];
  /** Pass as `fromVersion` for the next page; null after the last. */
  nextFromVersion: number | null;
}

export interface LogHistoryPage {
  events: EventEnvelope[];
  /** Pass as `after` for the next page; null when the log (as finished now) is exhausted. */
  nextAfter: number | null;
}

export class AuditHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: CommittedLog,
  ) {}

  async stream(streamId: string, page: { fromVersion: number; limit: number } & HistoryFilter): Promise<StreamHistoryPage> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT * FROM ledger.events
       WHERE stream_id = $1 AND stream_version >= $2 AND ${FILTERS}
       ORDER BY stream_version LIMIT $5`,
      [streamId, page.fromVersion, page.correlationId ?? null, page.actor ?? null, page.limit + 1],
    );
    const events = rows.slice(0, page.limit).map(toEnvelope);
    const more = rows.length > page.limit;
    return { streamId, events, nextFromVersion: more ? events[events.length - 1]!.streamVersion + 1 : null };
  }

  async logPage(page: { after: number; limit: number } & HistoryFilter): Promise<LogHistoryPage> {
    const cursor = page.after === 0 ? START_OF_LOG : await this.log.cursorOf(page.after);
    if (!cursor) {
      throw new AuditError('invalid', 'audit.unknown-cursor', `No event has position ${page.after}: "after" must be a position a page returned.`, 'after');
    }
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT * FROM ledger.events
       WHERE ${FINISHED_TRANSACTIONS} AND (${COMMIT_ORDER}) > ($1::xid8, $2::bigint) AND ${FILTERS}
       ORDER BY ${COMMIT_ORDER} LIMIT $5`,
      [cursor.transactionId, cursor.position, page.correlationId ?? null, page.actor ?? null, page.limit + 1],
    );
    const events = rows.slice(0, page.limit).map(toEnvelope);
    const more = rows.length > page.limit;
    return { events, nextAfter: more ? events[events.length - 1]!.globalPosition : null };
  }
}

/** Parameters $3 (correlation id) and $4 (actor); NULL matches everything. */
const FILTERS = '($3::text IS NULL OR correlation_id = $3) AND ($4::text IS NULL OR actor = $4)';
