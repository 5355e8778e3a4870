/**
 * A command submission as internal systems send it, over HTTP (`POST /commands`) or as
 * a message on the command ingest topic. Both transports carry the same shape so a
 * publisher can switch between them without rewriting anything.
 */
export interface CommandSubmission<D = Record<string, unknown>> {
  /** Command name, e.g. `RecordReading` (see the command catalogue). */
  type: string;
  partnershipId: string;
  /** A retry with the same key returns the first result and records nothing new. */
  idempotencyKey?: string;
  /** Optimistic concurrency: the stream version the sender based its decision on. */
  expectedVersion?: number;
  /** Business time of the fact; defaults to the time the ledger receives it. */
  occurredAt?: string;
  sourceSystem?: string;
  correlationId?: string;
  causationId?: string;
  data: D;
}

export interface RecordedEventRef {
  eventId: string;
  type: string;
  streamVersion: number;
  globalPosition: number;
}

/** What the ledger answers once a submission is recorded (or was recorded before). */
export interface CommandResult {
  partnershipId: string;
  streamId: string;
  /** Version of the stream after this submission. */
  streamVersion: number;
  events: RecordedEventRef[];
}
