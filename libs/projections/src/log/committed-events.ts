/**
 * The ledger's committed log in bulk: every event in COMMIT order, (transaction id,
 * global position), the order `EventStore.readAll` returns and the audit's Merkle log
 * follows, read with one `COPY ... TO STDOUT (FORMAT binary)` instead of pages of rows.
 *
 * Only events of finished transactions are read (transaction id below the snapshot's
 * xmin, the same guard as readAll): whatever commits later gets a higher transaction id
 * and lands after everything read, so nothing is ever skipped.
 *
 * `decodeEnvelopes` is the bulk twin of the event store's `toEnvelope`: the same
 * envelope, the times written with `toISOString` from the whole milliseconds a `Date`
 * holds (the form the hash chain covered), `data` parsed from the stored jsonb text.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { copyBatches, CopyRowReader, type CopyBatch } from './copy-binary';

/** A place in the log: the (transaction id, position) of an event, the order's sort key. */
export interface CommittedCursor {
  readonly transactionId: string;
  readonly position: number;
}

export interface CommittedLogBounds {
  /** Exclusive: start after this event (default: the start of the log). */
  readonly after?: CommittedCursor;
  /** Inclusive: stop with this event (default: the end of the finished log). */
  readonly through?: CommittedCursor;
  /** Leave out events whose position is above this one (a rebuild's catch-up bound). */
  readonly upToPosition?: number;
  readonly limit?: number;
}

/** The envelope's columns in the order `decodeEnvelopes` reads them, the transaction id last. */
export const ENVELOPE_COPY_COLUMNS =
  'global_position, event_id::text, stream_id, stream_version, type, schema_version, data, actor, source_system, ' +
  'correlation_id, causation_id, occurred_at, recorded_at, prev_hash, hash, transaction_id';

export const FINISHED_TRANSACTIONS = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';
export const COMMIT_ORDER = 'transaction_id, global_position';

/** What the COPY stream buffers ahead of its reader: a few batches (see copy-binary.ts). */
const READ_AHEAD_BYTES = 512 << 10;

/**
 * The COPY statement for the log within `bounds`. COPY takes no bind parameters, so
 * every bound is checked to be a plain whole number before it goes into the text.
 */
export function committedLogCopy(bounds: CommittedLogBounds = {}, columns = ENVELOPE_COPY_COLUMNS): string {
  const conditions = [FINISHED_TRANSACTIONS];
  if (bounds.after) conditions.push(`(${COMMIT_ORDER}) > (${cursorLiteral(bounds.after)})`);
  if (bounds.through) conditions.push(`(${COMMIT_ORDER}) <= (${cursorLiteral(bounds.through)})`);
  if (bounds.upToPosition !== undefined) conditions.push(`global_position <= ${wholeNumber(bounds.upToPosition, 'upToPosition')}`);
  const limit = bounds.limit === undefined ? '' : ` LIMIT ${wholeNumber(bounds.limit, 'limit')}`;
  return (
    `COPY (SELECT ${columns} FROM ledger.events WHERE ${conditions.join(' AND ')} ORDER BY ${COMMIT_ORDER}${limit}) ` +
    'TO STDOUT (FORMAT binary)'
  );
}

/** Batches of whole rows of the log within `bounds`, read ahead while the caller works on the last one. */
export function readCommittedLog(client: PoolClient, bounds: CommittedLogBounds = {}, columns = ENVELOPE_COPY_COLUMNS): AsyncGenerator<CopyBatch> {
  const stream = client.query(copyTo(committedLogCopy(bounds, columns), { highWaterMark: READ_AHEAD_BYTES }));
  return copyBatches(stream);
}

export interface DecodedEnvelopes {
  readonly envelopes: EventEnvelope[];
  /** Each envelope's transaction id: with its position, the envelope's cursor. */
  readonly transactionIds: string[];
}

/** The envelopes of a batch read with `ENVELOPE_COPY_COLUMNS`. */
export function decodeEnvelopes(batch: CopyBatch): DecodedEnvelopes {
  const reader = new CopyRowReader(batch.buffer);
  const envelopes: EventEnvelope[] = new Array(batch.rows);
  const transactionIds: string[] = new Array(batch.rows);
  for (let row = 0; row < batch.rows; row += 1) {
    reader.nextRow();
    envelopes[row] = readEnvelope(reader);
    transactionIds[row] = String(reader.int8());
  }
  return { envelopes, transactionIds };
}

/** One envelope, field by field in `ENVELOPE_COPY_COLUMNS` order (the transaction id left to read). */
function readEnvelope(reader: CopyRowReader): EventEnvelope {
  const globalPosition = reader.int8();
  const eventId = reader.text()!;
  const streamId = reader.text()!;
  const streamVersion = reader.int4();
  const type = reader.text() as EventEnvelope['type'];
  const schemaVersion = reader.int4();
  const data = JSON.parse(reader.jsonbText()) as EventEnvelope['data'];
  const actor = reader.text()!;
  const sourceSystem = reader.text()!;
  const correlationId = reader.text()!;
  const causationId = reader.text();
  const occurredAt = new Date(reader.timestampMilliseconds()).toISOString();
  const recordedAt = new Date(reader.timestampMilliseconds()).toISOString();
  const prevHash = reader.text()!;
  const hash = reader.text()!;
  return {
    eventId, type, schemaVersion, streamId, streamVersion, globalPosition, occurredAt, recordedAt,
    data, actor, sourceSystem, correlationId, causationId, prevHash, hash,
  } as EventEnvelope;
}

function cursorLiteral(cursor: CommittedCursor): string {
  if (!/^\d{1,20}$/.test(cursor.transactionId)) throw new Error(`Transaction id "${cursor.transactionId}" is not a whole number.`);
  return `'${cursor.transactionId}'::xid8, ${wholeNumber(cursor.position, 'position')}::bigint`;
}

function wholeNumber(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} ${value} is not a whole number from 0.`);
  return value;
}
