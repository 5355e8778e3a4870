/**
 * The one place where write-path failures become HTTP problems (and DLQ reasons):
 * the access policy's refusals, the domain's rule violations, the store's concurrency
 * conflicts and reused idempotency keys. Anything not listed here is unexpected and
 * surfaces as a 500.
 */
import { HttpStatus } from '@nestjs/common';
import { AccessDeniedError } from '@ledger/application';
import { DomainError } from '@ledger/domain';
import { IdempotencyKeyReusedError, WrongExpectedVersionError } from '@ledger/event-store';
import { problem, type ProblemDetails } from '@ledger/platform';

const STATUS_OF_DOMAIN_KIND = {
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
} as const;

/**
 * The problem an expected failure maps to, or null for an unexpected one.
 * `dataFieldPrefix` places a domain error's field in the request body: `data.` for the
 * submission shape, empty for routes whose body is the command data itself.
 */
export function problemForWriteFailure(error: unknown, dataFieldPrefix = 'data.'): ProblemDetails | null {
  if (error instanceof AccessDeniedError) return problem(HttpStatus.FORBIDDEN, error.code, error.message);
  if (error instanceof DomainError) {
    return problem(STATUS_OF_DOMAIN_KIND[error.kind], error.code, error.message, {
      errors: error.field ? [{ field: `${dataFieldPrefix}${error.field}`, rule: error.code, message: error.message }] : undefined,
    });
  }
  if (error instanceof WrongExpectedVersionError) {
    return problem(
      HttpStatus.CONFLICT,
      'stream.wrong-expected-version',
      `Partnership stream ${error.streamId} is at version ${error.actualVersion}, not ${error.expectedVersion}: reload it and decide again.`,
      { expectedVersion: error.expectedVersion, actualVersion: error.actualVersion },
    );
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return problem(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'idempotency.key-reused',
      `Idempotency key "${error.key}" was already used for a different request; use a new key for a new request.`,
      { errors: [{ field: 'idempotencyKey', rule: 'idempotency.key-reused', message: 'Key already used for a different request.' }] },
    );
  }
  return null;
}
