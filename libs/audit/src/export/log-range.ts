/**
 * Turns a range an auditor asks for into a stretch of the log, in the log's commit
 * order (see committed-log.ts): either by position (the events at `fromPosition` and
 * `toPosition` and everything between them in that order) or by ledger time (from the
 * first event recorded at or after `fromTime` to the last recorded at or before
 * `toTime`, contiguous in commit order, so that the Merkle leaves stay contiguous; an
 * event committed inside that stretch with a `recordedAt` just outside it is included,
 * and the range states the recorded times it actually covers). An open end is the end
 * of the log as finished when the range is resolved, so the same resolved range always
 * means the same events.
 */
import { AuditError } from '../audit-error';
import { START_OF_LOG, type CommittedLog, type LogCursor } from '../log/committed-log';

export interface RangeRequest {
  fromPosition?: number;
  toPosition?: number;
  /** ISO 8601 ledger times (recordedAt). */
  fromTime?: string;
  toTime?: string;
}

export interface ResolvedRange {
  /** The range's first event; null for an empty range. */
  first: LogCursor | null;
  /** The event just before the range (the start of the log for a range from the first event). */
  after: LogCursor;
  /** The range's last event; null for an empty range. */
  through: LogCursor | null;
  /** Leaves of the log before the range: the tree size at its start. */
  startTreeSize: number;
  /** The ledger times asked for, when the range is by time. */
  fromTime?: string;
  toTime?: string;
}

export async function resolveRange(log: CommittedLog, request: RangeRequest): Promise<ResolvedRange> {
  const byTime = request.fromTime !== undefined || request.toTime !== undefined;
  if (byTime && (request.fromPosition !== undefined || request.toPosition !== undefined)) {
    throw new AuditError('invalid', 'audit.invalid-range', 'Give a range by position or by time, not both.', 'fromTime');
  }
  const { first, last } = byTime ? await timeBounds(log, request) : await positionBounds(log, request);
  // Nothing from `first` on: an empty range at the end of the log.
  const after = first ? await log.cursorBefore(first) : ((await log.lastCursor()) ?? START_OF_LOG);
  const through = first && last && !isBefore(last, first) ? last : null;
  const startTreeSize = after.position === 0 ? 0 : (await log.leafIndexOf(after)) + 1;
  return { first: through && first, after, through, startTreeSize, ...(request.fromTime && { fromTime: request.fromTime }), ...(request.toTime && { toTime: request.toTime }) };
}

async function positionBounds(log: CommittedLog, request: RangeRequest): Promise<{ first: LogCursor | null; last: LogCursor | null }> {
  const first = request.fromPosition === undefined ? await firstEvent(log) : await existing(log, request.fromPosition, 'fromPosition');
  const last = request.toPosition === undefined ? await log.lastCursor() : await existing(log, request.toPosition, 'toPosition');
  if (first && last && isBefore(last, first)) {
    throw new AuditError(
      'invalid',
      'audit.invalid-range',
      `The event at position ${last.position} comes before the one at ${first.position} in the log's order: swap the bounds.`,
      'toPosition',
    );
  }
  return { first, last };
}

async function timeBounds(log: CommittedLog, request: RangeRequest): Promise<{ first: LogCursor | null; last: LogCursor | null }> {
  const from = request.fromTime === undefined ? null : instant(request.fromTime, 'fromTime');
  const to = request.toTime === undefined ? null : instant(request.toTime, 'toTime');
  if (from && to && from > to) throw new AuditError('invalid', 'audit.invalid-range', 'fromTime must not be later than toTime.', 'toTime');
  const first = from ? await log.firstRecordedFrom(from) : await firstEvent(log);
  const last = to ? await log.lastRecordedUntil(to) : await log.lastCursor();
  return { first, last };
}

async function firstEvent(log: CommittedLog): Promise<LogCursor | null> {
  for await (const page of log.leaves({ limit: 1 })) return page.last;
  return null;
}

async function existing(log: CommittedLog, position: number, field: string): Promise<LogCursor> {
  const cursor = await log.cursorOf(position);
  if (!cursor) throw new AuditError('invalid', 'audit.unknown-position', `No event has position ${position}.`, field);
  return cursor;
}

function instant(text: string, field: string): Date {
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime()) || !/[zZ]|[+-]\d\d:?\d\d$/.test(text)) {
    throw new AuditError('invalid', 'audit.invalid-time', `${field} "${text}" is not an ISO 8601 time with a time zone.`, field);
  }
  return parsed;
}

function isBefore(a: LogCursor, b: LogCursor): boolean {
  const [ta, tb] = [BigInt(a.transactionId), BigInt(b.transactionId)];
  return ta < tb || (ta === tb && a.position < b.position);
}
