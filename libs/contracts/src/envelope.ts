/**
 * The envelope every recorded event travels in: in the event store, on the ledger
 * topic and in audit exports. It answers who, when, from which system and why.
 */
import type { PartnershipEvent } from './events';

/** Who asked for the change and in which causal chain, supplied when appending. */
export interface EventMetadata {
  /** The authenticated account that submitted the command. */
  actor: string;
  /** The internal system the submission came from, e.g. `crm`, `marketing-automation`. */
  sourceSystem: string;
  /** Ties together everything caused by one business request. */
  correlationId: string;
  /** The message (command or event id) that directly caused this event. */
  causationId: string | null;
}

export interface EventEnvelope<E extends PartnershipEvent = PartnershipEvent> extends EventMetadata {
  eventId: string;
  type: E['type'];
  schemaVersion: number;
  streamId: string;
  streamVersion: number;
  /** Position in the ledger's global log; increases with every append. */
  globalPosition: number;
  /** Business time: when the fact happened (ISO 8601, UTC). */
  occurredAt: string;
  /** Ledger time: when the ledger recorded it (ISO 8601, UTC). */
  recordedAt: string;
  data: E['data'];
  /** Hash of the previous event of the same stream (64 zeros for the first). */
  prevHash: string;
  /** SHA-256 over this event's canonical form and `prevHash`. */
  hash: string;
}

export const PARTNERSHIP_STREAM_PREFIX = 'partnership-';

export function partnershipStreamId(partnershipId: string): string {
  return `${PARTNERSHIP_STREAM_PREFIX}${partnershipId}`;
}

export function partnershipIdOfStream(streamId: string): string | null {
  return streamId.startsWith(PARTNERSHIP_STREAM_PREFIX) ? streamId.slice(PARTNERSHIP_STREAM_PREFIX.length) : null;
}
