/**
 * The SQL of one group of appends, step by step, each run inside the caller's
 * transaction and each ONE statement whatever the group's size (arrays in, `unnest`
 * inside): lock the stream heads, create or move them, insert the events, remember the
 * idempotency keys. Kept apart from `EventStore` so the order of the steps reads in one
 * place there.
 */
import type { RecordedEventRef } from '@ledger/contracts';
import type { IdempotencyClaim, StoredAppendResult } from './append-request';
import type { PlannedAppend, StreamHeadChange } from './append-plan';
import type { StreamHead } from './event-chain';

/** A connection inside a transaction: a TypeORM `QueryRunner` or `EntityManager`. */
export interface TransactionQueries {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Locks the streams of a group and reads the heads of those that exist, until commit.
 *
 * Each stream is locked first with a transaction-scoped advisory lock, all of them in
 * the order of their lock keys (so two groups over overlapping streams queue instead of
 * deadlocking), and only then are the head rows locked. An advisory lock needs no
 * transaction id, so a group gets its id (at its first row lock) only once it holds
 * every one of its streams: for any stream, the transaction that wrote it first has the
 * lower id. `readAll`'s commit order - by transaction id - relies on that to keep each
 * stream in version order, even for groups of many streams. The row lock then reads the
 * head as the previous holder committed it.
 */
/**
 * The class of the streams' advisory locks (the two-key form, a lock space of its own:
 * no single-key lock such as the relay's lease can ever be mistaken for a stream's).
 * Two streams whose ids hash alike share a lock, which only makes them take turns.
 */
const STREAM_LOCK_CLASS = 'alignment-ledger:stream';

export async function lockStreamHeads(db: TransactionQueries, streamIds: string[]): Promise<Map<string, StreamHead>> {
  const rows = (await db.query(
    `WITH locked AS (
       SELECT pg_advisory_xact_lock(hashtext($2), lock_key)
       FROM (SELECT DISTINCT hashtext(stream_id) AS lock_key FROM unnest($1::text[]) AS stream_id ORDER BY lock_key) AS keys
     )
     SELECT stream_id, version, last_hash FROM ledger.streams
     WHERE stream_id = ANY($1::text[]) AND (SELECT count(*) FROM locked) >= 0
     ORDER BY stream_id FOR UPDATE`,
    [streamIds, STREAM_LOCK_CLASS],
  )) as { stream_id: string; version: number; last_hash: string }[];
  return new Map(rows.map((row) => [row.stream_id, { version: row.version, hash: row.last_hash }]));
}

/** False when a concurrent transaction created one of the streams first. */
export async function createStreamHeads(db: TransactionQueries, changes: StreamHeadChange[], recordedAt: string): Promise<boolean> {
  if (changes.length === 0) return true;
  const created = (await db.query(
    `INSERT INTO ledger.streams (stream_id, version, last_hash, updated_at)
     SELECT stream_id, version, last_hash, $4 FROM unnest($1::text[], $2::int[], $3::text[]) AS s(stream_id, version, last_hash)
     ON CONFLICT (stream_id) DO NOTHING RETURNING stream_id`,
    [...headColumns(changes), recordedAt],
  )) as unknown[];
  return created.length === changes.length;
}

export async function moveStreamHeads(db: TransactionQueries, changes: StreamHeadChange[], recordedAt: string): Promise<void> {
  if (changes.length === 0) return;
  await db.query(
    `UPDATE ledger.streams s SET version = m.version, last_hash = m.last_hash, updated_at = $4
     FROM unnest($1::text[], $2::int[], $3::text[]) AS m(stream_id, version, last_hash)
     WHERE s.stream_id = m.stream_id`,
    [...headColumns(changes), recordedAt],
  );
}

/**
 * Every event of the group in one statement: one round trip, and positions handed out
 * in the order of the arrays (`WITH ORDINALITY ... ORDER BY`), i.e. the group's order.
 * Answers each append's recorded events, in the order of `appends`.
 */
export async function insertEvents(db: TransactionQueries, appends: PlannedAppend[], recordedAt: string): Promise<RecordedEventRef[][]> {
  const rows = appends.flatMap((append) => append.events);
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((event) => event[key]);
  const inserted = (await db.query(
    `INSERT INTO ledger.events (event_id, stream_id, stream_version, type, schema_version, data, actor, source_system,
       correlation_id, causation_id, occurred_at, recorded_at, prev_hash, hash)
     SELECT event_id, stream_id, stream_version, type, schema_version, data::jsonb, actor, source_system,
       correlation_id, causation_id, occurred_at, $1, prev_hash, hash
     FROM unnest($2::uuid[], $3::text[], $4::int[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[],
       $11::text[], $12::timestamptz[], $13::text[], $14::text[])
       WITH ORDINALITY AS e(event_id, stream_id, stream_version, type, schema_version, data, actor, source_system,
         correlation_id, causation_id, occurred_at, prev_hash, hash, ordinal)
     ORDER BY ordinal
     RETURNING global_position, event_id`,
    [
      recordedAt,
      column('eventId'),
      column('streamId'),
      column('streamVersion'),
      column('type'),
      column('schemaVersion'),
      column('dataJson'),
      column('actor'),
      column('sourceSystem'),
      column('correlationId'),
      column('causationId'),
      column('occurredAt'),
      column('prevHash'),
      column('hash'),
    ],
  )) as { global_position: string; event_id: string }[];
  const positions = new Map(inserted.map((row) => [row.event_id, Number(row.global_position)]));
  return appends.map((append) =>
    append.events.map((event) => ({
      eventId: event.eventId,
      type: event.type,
      streamVersion: event.streamVersion,
      globalPosition: positions.get(event.eventId)!,
    })),
  );
}

export interface IdempotencyRecord {
  claim: IdempotencyClaim;
  result: StoredAppendResult;
}

/** False when a concurrent transaction recorded one of the keys first. */
export async function recordIdempotencyKeys(db: TransactionQueries, records: IdempotencyRecord[], recordedAt: string): Promise<boolean> {
  if (records.length === 0) return true;
  const recorded = (await db.query(
    `INSERT INTO ledger.idempotency_keys (key, request_hash, stream_id, result, recorded_at)
     SELECT key, request_hash, stream_id, result::jsonb, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       AS k(key, request_hash, stream_id, result)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [
      records.map(({ claim }) => claim.key),
      records.map(({ claim }) => claim.requestHash),
      records.map(({ result }) => result.streamId),
      records.map(({ result }) => JSON.stringify(result)),
      recordedAt,
    ],
  )) as unknown[];
  return recorded.length === records.length;
}

function headColumns(changes: StreamHeadChange[]): [string[], number[], string[]] {
  return [changes.map((change) => change.streamId), changes.map((change) => change.head.version), changes.map((change) => change.head.hash)];
}
