/**
 * How long to wait before handling a failed message again. Doubling spares a struggling
 * dependency (the database, say); the ceiling keeps the consumer quick to notice that it
 * is back, and well inside the group's session timeout so it keeps its partitions.
 */
export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { initialDelayMs: 200, maxDelayMs: 10_000 };

/** Delay before attempt `failedAttempts + 1`: initial, 2x, 4x, ... capped at the maximum. */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** exponent);
}
