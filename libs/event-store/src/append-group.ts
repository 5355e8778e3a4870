/**
 * The bookkeeping of one `appendMany` call: which requests are still to be written,
 * which are settled and how. Settled early: a malformed request (a programming error of
 * the caller), and a request repeating an idempotency key of an earlier request in the
 * same group - the same request is answered with the earlier one's outcome (one append,
 * never two), a different one is refused, exactly as if it had come after it.
 */
import { assertValidAppendRequest, type AppendRequest, type AppendResult, type IdempotencyClaim } from './append-request';
import { IdempotencyKeyReusedError } from './event-store.errors';

/** How one request of a group ended: recorded (or replayed), or refused with the reason. */
export type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

export class AppendGroup {
  /** Requests not settled yet, by their position in the group, in the group's order. */
  readonly pending = new Map<number, AppendRequest>();
  private readonly settled = new Map<number, AppendOutcome>();
  /** A request repeating an earlier request of the group (same key, same fingerprint) -> that earlier request. */
  private readonly repeats = new Map<number, number>();

  constructor(private readonly requests: readonly AppendRequest[]) {
    const firstWithKey = new Map<string, number>();
    requests.forEach((request, index) => {
      try {
        assertValidAppendRequest(request);
      } catch (error) {
        this.settle(index, refused(error));
        return;
      }
      const claim = request.idempotency;
      const first = claim === undefined ? undefined : firstWithKey.get(claim.key);
      if (claim === undefined || first === undefined) {
        if (claim !== undefined) firstWithKey.set(claim.key, index);
        this.pending.set(index, request);
      } else if (requests[first]!.idempotency!.requestHash === claim.requestHash) {
        this.repeats.set(index, first);
      } else {
        this.settle(index, refused(new IdempotencyKeyReusedError(claim.key)));
      }
    });
  }

  settle(index: number, outcome: AppendOutcome): void {
    this.settled.set(index, outcome);
    this.pending.delete(index);
  }

  /** Settles every pending request with the same failure. */
  refuseAllPending(error: Error): void {
    for (const index of [...this.pending.keys()]) this.settle(index, refused(error));
  }

  /** Claims of the pending requests, by position. */
  pendingClaims(): Map<number, IdempotencyClaim> {
    const claims = new Map<number, IdempotencyClaim>();
    for (const [index, request] of this.pending) if (request.idempotency) claims.set(index, request.idempotency);
    return claims;
  }

  /** Settled requests refused for a stale version that carry an idempotency key: a retry racing its original may find it recorded. */
  conflictsWithClaims(isConflict: (error: Error) => boolean): Map<number, IdempotencyClaim> {
    const claims = new Map<number, IdempotencyClaim>();
    for (const [index, outcome] of this.settled) {
      const claim = this.requests[index]!.idempotency;
      if (!outcome.ok && claim && isConflict(outcome.error)) claims.set(index, claim);
    }
    return claims;
  }

  /**
   * Per stream, the position of the first request settled without being written (refused,
   * or answered from a stored key): later appends of that stream that name a version were
   * decided on a state it would have left, so they must not be written either.
   */
  chainBreaks(): Map<string, number> {
    const breaks = new Map<string, number>();
    for (const [index, outcome] of [...this.settled].sort(([a], [b]) => a - b)) {
      const written = outcome.ok && !outcome.result.replayed;
      if (written) continue;
      const { streamId } = this.requests[index]!;
      if (!breaks.has(streamId)) breaks.set(streamId, index);
    }
    return breaks;
  }

  /** Every request's outcome, in the group's order; a repeat answers as a replay of the request it repeats. */
  outcomes(): AppendOutcome[] {
    return this.requests.map((_, index) => {
      const repeated = this.repeats.get(index);
      if (repeated === undefined) return this.settled.get(index)!;
      const original = this.settled.get(repeated)!;
      return original.ok ? { ok: true, result: { ...original.result, replayed: true } } : original;
    });
  }
}

export function refused(error: unknown): AppendOutcome {
  return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
}
