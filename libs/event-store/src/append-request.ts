/**
 * What an append asks of the store and what it answers, plus the checks that catch a
 * malformed request before any SQL runs. A malformed request is a programming error in
 * the caller (the edge has already validated user input), so it throws plainly.
 */
import type { EventMetadata, RecordedEventRef } from '@ledger/contracts';

export interface NewEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  /** Business time; stored and hashed with millisecond precision. */
  occurredAt: Date;
  metadata: EventMetadata;
}

export interface IdempotencyClaim {
  key: string;
  /** Fingerprint of the request: a retry carries the same one, a different request does not. */
  requestHash: string;
}

export interface AppendRequest {
  streamId: string;
  /** Version the caller based its decision on (0: the stream must not exist yet), or `'any'`. */
  expectedVersion: number | 'any';
  events: NewEvent[];
  idempotency?: IdempotencyClaim;
}

export interface AppendResult {
  streamId: string;
  /** Version of the stream after the append. */
  streamVersion: number;
  events: RecordedEventRef[];
  /** True when the idempotency key was seen before: the stored result, nothing appended. */
  replayed: boolean;
}

/** What is stored with an idempotency key: the result as the first append answered it. */
export type StoredAppendResult = Omit<AppendResult, 'replayed'>;

export function assertValidAppendRequest(request: AppendRequest): void {
  const { streamId, expectedVersion, events } = request;
  if (!streamId) throw new Error('An append needs a stream id.');
  if (expectedVersion !== 'any' && !(Number.isInteger(expectedVersion) && expectedVersion >= 0)) {
    throw new Error(`Expected version of ${streamId} must be a whole number >= 0 or 'any', not ${expectedVersion}.`);
  }
  if (events.length === 0) throw new Error(`An append to ${streamId} needs at least one event.`);
  for (const event of events) {
    if (Number.isNaN(event.occurredAt.getTime())) {
      throw new Error(`Event ${event.eventId} (${event.type}) has an invalid occurredAt.`);
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new Error(`Event ${event.eventId} (${event.type}) needs a schema version >= 1.`);
    }
  }
}
