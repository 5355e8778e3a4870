/**
 * How long to wait before handling a failed message again. Doubling spares a struggling
 * dependency (the database, say); the ceiling keeps the consumer quick to notice that it
 * is back, and well inside the group's session timeout so it keeps its partitions.
 */
export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

/** A consumer that stops heartbeating for longer than this loses its partitions (see CommandIngestConsumer). */
export const INGEST_SESSION_TIMEOUT_MS = 15_000;

/** One pause plus one attempt (bounded by the 5 s database connect timeout) stay inside the session timeout. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { initialDelayMs: 200, maxDelayMs: 5_000 };

/** Delay before attempt `failedAttempts + 1`: initial, 2x, 4x, ... capped at the maximum. */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
}
