/**
 * The one place where a row of `ledger.events` becomes an `EventEnvelope`, or its JSON
 * text. Timestamps come back as ISO 8601 strings with milliseconds, the same strings the
 * hash chain covered when the event was appended, so a reader can recompute every hash.
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

/** An event as the relay publishes it: the facts it keys and heads the message with, and the envelope as JSON text. */
export interface PublishableEvent {
  globalPosition: number;
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  envelopeJson: string;
}

/** A row read for publishing: `data` as the jsonb's own text, the timestamps formatted by PostgreSQL as `toEnvelope` formats them. */
export interface EnvelopeTextRow extends Omit<EventRow, 'data' | 'occurred_at' | 'recorded_at'> {
  data_json: string;
  occurred_at: string;
  recorded_at: string;
}

const isoText = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${column}`;

export const ENVELOPE_TEXT_COLUMNS = `global_position, event_id, stream_id, stream_version, type, schema_version, data::text AS data_json,
  actor, source_system, correlation_id, causation_id, ${isoText('occurred_at')}, ${isoText('recorded_at')}, prev_hash, hash`;

/**
 * What `JSON.stringify(toEnvelope(row))` gives (the same keys, in the same order, with
 * the same values), written without parsing `data` or the timestamps and stringifying
 * them again: that parse and stringify took a third of the relay's own CPU per event.
 * Only the spacing inside `data` differs (jsonb's text puts a space after `:` and `,`).
 */
export function toPublishableEvent(row: EnvelopeTextRow): PublishableEvent {
  const text = JSON.stringify;
  const globalPosition = Number(row.global_position);
  const envelopeJson =
    `{"eventId":${text(row.event_id)},"type":${text(row.type)},"schemaVersion":${row.schema_version},` +
    `"streamId":${text(row.stream_id)},"streamVersion":${row.stream_version},"globalPosition":${globalPosition},` +
    `"occurredAt":${text(row.occurred_at)},"recordedAt":${text(row.recorded_at)},"data":${row.data_json},` +
    `"actor":${text(row.actor)},"sourceSystem":${text(row.source_system)},"correlationId":${text(row.correlation_id)},` +
    `"causationId":${text(row.causation_id)},"prevHash":${text(row.prev_hash)},"hash":${text(row.hash)}}`;
  return {
    globalPosition,
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    envelopeJson,
  };
}
