/**
 * The per-stream hash chain that makes tampering with recorded events evident.
 *
 * Each event's hash covers its canonical form (RFC 8785 JSON canonicalization, so
 * key order and number formatting cannot change it) and the hash of the previous
 * event of the same stream. The global position is left out on purpose: it is
 * assigned by the database at commit, and the signed checkpoints seal it instead.
 *
 * Verifiers hash every event of the ledger, so the canonical form is assembled here
 * for the fixed envelope fields (already in RFC 8785 key order, each value serialised
 * as JSON.stringify does, which is what RFC 8785 and the `canonicalize` library use)
 * and only `data` is canonicalised, by `canonicalJson` (canonical-json.ts: the library's
 * output, faster). Anything unusual in the envelope falls back to `canonicalize` on the
 * whole form, so both paths give the same text for every input (the unit spec checks it).
 */
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { canonicalJson, quoteJsonString as quote } from './canonical-json';

/** `prevHash` of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event the chain commits to. */
export interface HashableEvent {
  eventId: string;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: unknown;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  sourceSystem: string;
  correlationId: string;
  causationId: string | null;
}

export function canonicalEventForm(event: HashableEvent): string {
  const assembled = hasPlainEnvelope(event) ? assembleCanonicalForm(event) : undefined;
  if (assembled !== undefined) return assembled;
  const form = canonicalize({
    eventId: event.eventId,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.actor,
    sourceSystem: event.sourceSystem,
    correlationId: event.correlationId,
    causationId: event.causationId,
  });
  if (form === undefined) throw new Error(`event ${event.eventId} has no canonical JSON form`);
  return form;
}

export function computeEventHash(prevHash: string, event: HashableEvent): string {
  return hash('sha256', `${prevHash}\n${canonicalEventForm(event)}`, 'hex');
}

/** The envelope fields have the types the interface promises (callers may be untyped JSON). */
function hasPlainEnvelope(event: HashableEvent): boolean {
  return (
    typeof event.actor === 'string' &&
    (event.causationId === null || typeof event.causationId === 'string') &&
    typeof event.correlationId === 'string' &&
    event.data !== undefined &&
    typeof event.eventId === 'string' &&
    typeof event.occurredAt === 'string' &&
    typeof event.recordedAt === 'string' &&
    Number.isFinite(event.schemaVersion) &&
    typeof event.sourceSystem === 'string' &&
    typeof event.streamId === 'string' &&
    Number.isFinite(event.streamVersion) &&
    typeof event.type === 'string'
  );
}

/** RFC 8785 form with the keys in their sorted order; `undefined` when `data` has no JSON form. */
function assembleCanonicalForm(event: HashableEvent): string | undefined {
  const data = canonicalJson(event.data);
  if (data === undefined) return undefined;
  const causationId = event.causationId === null ? 'null' : quote(event.causationId);
  return (
    `{"actor":${quote(event.actor)},"causationId":${causationId},` +
    `"correlationId":${quote(event.correlationId)},"data":${data},"eventId":${quote(event.eventId)},` +
    `"occurredAt":${quote(event.occurredAt)},"recordedAt":${quote(event.recordedAt)},` +
    `"schemaVersion":${JSON.stringify(event.schemaVersion)},"sourceSystem":${quote(event.sourceSystem)},` +
    `"streamId":${quote(event.streamId)},"streamVersion":${JSON.stringify(event.streamVersion)},"type":${quote(event.type)}}`
  );
}
