/**
 * What an HTTP request says about a submission besides its body: who sends it (the
 * account its API key authenticated, never a header or field the caller fills in) and
 * the delivery headers (idempotency key, expected version, business time, tracing ids).
 * Parsed and checked here, once, for every command route.
 */
import { createParamDecorator, HttpStatus, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@ledger/application';
import { accountOf, type AuthenticatedRequest } from '@ledger/auth';
import { problem, ProblemException, type FieldViolation } from '@ledger/platform';
import type { Request, Response } from 'express';
import { DATE_TIME_WITH_OFFSET_PATTERN, SOURCE_SYSTEM_PATTERN, TOKEN_PATTERN } from '../dto/patterns';

export interface SubmissionContext {
  actor: Actor;
  idempotencyKey?: string;
  expectedVersion?: number;
  occurredAt?: string;
  sourceSystem?: string;
  correlationId?: string;
  causationId?: string;
  response: Response;
}

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `If-Match: "7"` or `If-Match: 7` - the stream version the caller decided on. */
function parseExpectedVersion(raw: string | undefined, violations: FieldViolation[]): number | undefined {
  if (raw === undefined) return undefined;
  const digits = raw.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
  if (/^\d{1,9}$/.test(digits)) return Number(digits);
  violations.push({ field: 'header:If-Match', rule: 'isStreamVersion', message: 'If-Match must be a stream version such as "7".' });
  return undefined;
}

function checked(
  name: string,
  raw: string | undefined,
  pattern: RegExp,
  message: string,
  violations: FieldViolation[],
): string | undefined {
  if (raw === undefined) return undefined;
  if (pattern.test(raw)) return raw;
  violations.push({ field: `header:${name}`, rule: 'matches', message });
  return undefined;
}

export function readSubmissionContext(request: AuthenticatedRequest, response: Response): SubmissionContext {
  const violations: FieldViolation[] = [];
  const occurredAt = checked('X-Occurred-At', header(request, 'x-occurred-at'), DATE_TIME_WITH_OFFSET_PATTERN,
    'X-Occurred-At must be an ISO 8601 instant with a time zone, e.g. 2026-03-01T09:30:00Z.', violations);
  if (occurredAt !== undefined && Number.isNaN(Date.parse(occurredAt))) {
    violations.push({ field: 'header:X-Occurred-At', rule: 'isDate', message: 'X-Occurred-At is not a real instant.' });
  }
  const context: SubmissionContext = {
    actor: accountOf(request),
    idempotencyKey: checked('Idempotency-Key', header(request, 'idempotency-key'), TOKEN_PATTERN,
      'Idempotency-Key must be 1 to 200 printable ASCII characters without spaces.', violations),
    expectedVersion: parseExpectedVersion(header(request, 'if-match'), violations),
    occurredAt,
    sourceSystem: checked('X-Source-System', header(request, 'x-source-system'), SOURCE_SYSTEM_PATTERN,
      'X-Source-System must be a lower-case slug such as crm or marketing-automation.', violations),
    correlationId: checked('X-Correlation-Id', header(request, 'x-correlation-id'), TOKEN_PATTERN,
      'X-Correlation-Id must be 1 to 200 printable ASCII characters without spaces.', violations),
    causationId: checked('X-Causation-Id', header(request, 'x-causation-id'), TOKEN_PATTERN,
      'X-Causation-Id must be 1 to 200 printable ASCII characters without spaces.', violations),
    response,
  };
  if (violations.length > 0) {
    throw new ProblemException(
      problem(HttpStatus.BAD_REQUEST, 'request.invalid-headers', 'Some request headers are not valid.', { errors: violations }),
    );
  }
  return context;
}

export const Submission = createParamDecorator((_: unknown, context: ExecutionContext): SubmissionContext => {
  const http = context.switchToHttp();
  return readSubmissionContext(http.getRequest<AuthenticatedRequest>(), http.getResponse<Response>());
});
