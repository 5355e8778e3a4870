/**
 * The one place where the audit library's expected failures become HTTP problems:
 * an `AuditError` by its kind, an `IntegrityError` (a malformed key or note given by a
 * caller) as a 400. Anything else is unexpected and leaves as a 500 through the
 * product's problem filter.
 */
import { HttpStatus, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { AuditError } from '@ledger/audit';
import { IntegrityError } from '@ledger/integrity';
import { problem, ProblemException, type ProblemDetails } from '@ledger/platform';
import { catchError, type Observable } from 'rxjs';

const STATUS_OF_KIND = {
  invalid: HttpStatus.BAD_REQUEST,
  'not-found': HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
} as const;

export function problemForAuditFailure(error: unknown): ProblemDetails | null {
  if (error instanceof AuditError) {
    const errors = error.field ? [{ field: error.field, rule: error.code, message: error.message }] : undefined;
    return problem(STATUS_OF_KIND[error.kind], error.code, error.message, { errors });
  }
  if (error instanceof IntegrityError) {
    const errors = error.field ? [{ field: error.field, rule: error.code, message: error.message }] : undefined;
    return problem(HttpStatus.BAD_REQUEST, error.code, error.message, { errors });
  }
  return null;
}

@Injectable()
export class AuditProblemsInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const mapped = problemForAuditFailure(error);
        throw mapped ? new ProblemException(mapped, { cause: error }) : error;
      }),
    );
  }
}

/** A 400 about one query parameter, for rules that span parameters (exactly one of two, ...). */
export function invalidQuery(field: string, detail: string): ProblemException {
  return new ProblemException(
    problem(HttpStatus.BAD_REQUEST, 'request.invalid', detail, { errors: [{ field, rule: 'request.invalid', message: detail }] }),
  );
}
