/**
 * Replays the ledger's history from the event store into a projection schema, page by
 * page in commit order (`EventStore.readAll`, which never skips a late commit). The
 * next page is read while the current one is written, so the database reads and the
 * writes overlap. Each page is one write: its own transaction for a bulk load, or part
 * of the caller's open transaction for a rebuild's final catch-up.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { EventStore } from '@ledger/event-store';
import type { QueryFunction } from '../row-changes/row-change-applier';
import type { ProjectionWriter } from './projection-writer';

export interface HistoryLoadOptions {
  readonly eventStore: EventStore;
  readonly writer: ProjectionWriter;
  readonly query: QueryFunction;
  /** Events per page (and per transaction). */
  readonly pageSize: number;
  /** The cursor to resume after: 0, or the last position a previous load returned. */
  readonly afterPosition: number;
  /** Stop at this ledger position (the head when the catch-up began), so a busy ledger cannot keep it going forever. */
  readonly upToPosition?: number;
  /** True inside the caller's transaction; false gives each page a transaction of its own. */
  readonly withinTransaction: boolean;
  readonly onPage?: (events: number) => void;
}

/** Returns the cursor after the last event loaded (`afterPosition` when there was nothing new). */
export async function loadHistory(options: HistoryLoadOptions): Promise<number> {
  const { writer, query, withinTransaction, onPage } = options;
  let cursor = options.afterPosition;
  let next = readPage(options, cursor);
  for (;;) {
    const page = await next;
    if (page.length === 0) return cursor;
    cursor = page[page.length - 1].globalPosition;
    next = readPage(options, cursor);
    if (withinTransaction) await writer.writeWithinTransaction(query, page);
    else await writer.writeInTransaction(query, page);
    onPage?.(page.length);
  }
}

function readPage({ eventStore, pageSize, upToPosition }: HistoryLoadOptions, afterPosition: number): Promise<EventEnvelope[]> {
  const page = eventStore.readAll({ afterPosition, limit: pageSize, upToPosition });
  // Marked as handled: if the write of the page before fails, this read is abandoned, not an unhandled rejection.
  page.catch(() => undefined);
  return page;
}
