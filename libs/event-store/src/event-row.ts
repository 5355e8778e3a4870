/**
 * The one place where a row of `ledger.events` becomes an `EventEnvelope`. Timestamps
 * come back as ISO 8601 strings with milliseconds, the same strings the hash chain
 * covered when the event was appended, so a reader can recompute every hash.
 */
import type { EventEnvelope } from '@ledger/contracts';

/** A row as node-postgres returns it: bigint as a string, timestamptz as a Date. */
export interface EventRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: unknown;
  actor: string;
  source_system: string;
  correlation_id: string;
  causation_id: string | null;
  occurred_at: Date;
  recorded_at: Date;
  prev_hash: string;
  hash: string;
}

export const EVENT_COLUMNS = `global_position, event_id, stream_id, stream_version, type, schema_version, data,
  actor, source_system, correlation_id, causation_id, occurred_at, recorded_at, prev_hash, hash`;

/**
 * The store keeps any event type it is given; whether `type` and `data` match the
 * current catalogue is for the reader to settle (old versions are upcast on read).
 */
export function toEnvelope(row: EventRow): EventEnvelope {
  return {
    eventId: row.event_id,
    type: row.type as EventEnvelope['type'],
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: Number(row.global_position),
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    data: row.data as EventEnvelope['data'],
    actor: row.actor,
    sourceSystem: row.source_system,
    correlationId: row.correlation_id,
    causationId: row.causation_id,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
