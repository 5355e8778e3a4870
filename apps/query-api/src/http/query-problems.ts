/**
 * Failures of a BI query as the HTTP problems clients see (application/problem+json):
 * a `BiQueryError` keeps its code, sentence and parameter; a statement cancelled by the
 * statement timeout says so (503) instead of passing for a server fault.
 */
import { HttpStatus } from '@nestjs/common';
import { BiQueryError } from '@ledger/bi';
import { problem, ProblemException } from '@ledger/platform';

const QUERY_CANCELED = '57014';

export function asProblem(error: unknown): unknown {
  if (error instanceof BiQueryError) {
    const { status, code, message, field } = error;
    return new ProblemException(problem(status, code, message, { errors: field ? [{ field, rule: code, message }] : undefined }));
  }
  if ((error as { code?: unknown }).code === QUERY_CANCELED) {
    return new ProblemException(
      problem(
        HttpStatus.SERVICE_UNAVAILABLE,
        'query.timed-out',
        'The query ran longer than the statement timeout allows; narrow it with filters on indexed columns, or page it.',
      ),
      { cause: error },
    );
  }
  return error;
}

/** Runs `work`, turning its failures into problems. */
export async function answering<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asProblem(error);
  }
}
