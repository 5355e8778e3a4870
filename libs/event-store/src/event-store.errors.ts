/**
 * The failures an append can meet that the caller is expected to handle: each carries a
 * stable `code` and the values an error answer needs (the HTTP edge maps them to 409/422).
 */

/** Another writer advanced the stream since the caller read it. Nothing was written. */
export class WrongExpectedVersionError extends Error {
  readonly code = 'stream.wrong-expected-version';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}, not the expected ${expectedVersion}.`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** The idempotency key already recorded a different request. Nothing was written. */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'idempotency.key-reused';

  constructor(readonly key: string) {
    super(`Idempotency key "${key}" was already used for a different request.`);
    this.name = 'IdempotencyKeyReusedError';
  }
}
