/**
 * The SQL of one append, step by step, each run inside the caller's transaction:
 * lock the stream head, move it forward, insert the events, remember the idempotency
 * key. Kept apart from `EventStore` so the order of the steps reads in one place there.
 */
import type { RecordedEventRef } from '@ledger/contracts';
import type { EntityManager } from 'typeorm';
import type { IdempotencyClaim, StoredAppendResult } from './append-request';
import type { ChainedEvent, StreamHead } from './event-chain';

/** Locks the stream's head row until commit; null when the stream does not exist yet. */
export async function lockStreamHead(manager: EntityManager, streamId: string): Promise<StreamHead | null> {
  const rows: { version: number; last_hash: string }[] = await manager.query(
    'SELECT version, last_hash FROM ledger.streams WHERE stream_id = $1 FOR UPDATE',
    [streamId],
  );
  return rows.length === 0 ? null : { version: rows[0].version, hash: rows[0].last_hash };
}

export async function moveStreamHead(
  manager: EntityManager,
  streamId: string,
  next: StreamHead,
  recordedAt: string,
): Promise<void> {
  await manager.query('UPDATE ledger.streams SET version = $2, last_hash = $3, updated_at = $4 WHERE stream_id = $1', [
    streamId,
    next.version,
    next.hash,
    recordedAt,
  ]);
}

/** False when a concurrent transaction created the stream first. */
export async function createStreamHead(
  manager: EntityManager,
  streamId: string,
  head: StreamHead,
  recordedAt: string,
): Promise<boolean> {
  const created: unknown[] = await manager.query(
    `INSERT INTO ledger.streams (stream_id, version, last_hash, updated_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (stream_id) DO NOTHING RETURNING stream_id`,
    [streamId, head.version, head.hash, recordedAt],
  );
  return created.length === 1;
}

/**
 * All events in one statement, whatever their number: one round trip, and positions
 * handed out in the order of the arrays (`WITH ORDINALITY ... ORDER BY`).
 */
export async function insertEvents(
  manager: EntityManager,
  streamId: string,
  events: ChainedEvent[],
  recordedAt: string,
): Promise<RecordedEventRef[]> {
  const column = <K extends keyof ChainedEvent>(key: K): ChainedEvent[K][] => events.map((event) => event[key]);
  const rows: { global_position: string; event_id: string; type: string; stream_version: number }[] = await manager.query(
    `INSERT INTO ledger.events (event_id, stream_id, stream_version, type, schema_version, data, actor, source_system,
       correlation_id, causation_id, occurred_at, recorded_at, prev_hash, hash)
     SELECT event_id, $1, stream_version, type, schema_version, data::jsonb, actor, source_system,
       correlation_id, causation_id, occurred_at, $2, prev_hash, hash
     FROM unnest($3::uuid[], $4::int[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[],
       $11::text[], $12::timestamptz[], $13::text[], $14::text[])
       WITH ORDINALITY AS e(event_id, stream_version, type, schema_version, data, actor, source_system,
         correlation_id, causation_id, occurred_at, prev_hash, hash, ordinal)
     ORDER BY ordinal
     RETURNING global_position, event_id, type, stream_version`,
    [
      streamId,
      recordedAt,
      column('eventId'),
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
  );
  return rows
    .map((row) => ({
      eventId: row.event_id,
      type: row.type,
      streamVersion: row.stream_version,
      globalPosition: Number(row.global_position),
    }))
    .sort((a, b) => a.streamVersion - b.streamVersion);
}

/** False when a concurrent transaction recorded the same key first. */
export async function recordIdempotencyKey(
  manager: EntityManager,
  claim: IdempotencyClaim,
  result: StoredAppendResult,
  recordedAt: string,
): Promise<boolean> {
  const recorded: unknown[] = await manager.query(
    `INSERT INTO ledger.idempotency_keys (key, request_hash, stream_id, result, recorded_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (key) DO NOTHING RETURNING key`,
    [claim.key, claim.requestHash, result.streamId, JSON.stringify(result), recordedAt],
  );
  return recorded.length === 1;
}
