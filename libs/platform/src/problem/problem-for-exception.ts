/**
 * Decides which problem an exception becomes, apart from any transport, so the filter
 * only writes the answer. Deliberate failures keep their status and sentence; anything
 * unexpected becomes a bare 500 whose body reveals nothing of the server (no message,
 * no stack): the details go to the log, under the request id quoted in the answer.
 */
import { BadRequestException, HttpException, HttpStatus } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { DEPENDENCY_RETRY_AFTER_SECONDS, isDependencyUnavailable } from './dependency-unavailable';
import { problem, ProblemException, statusTitle, type ProblemDetails } from './problem-details';

/** What the mapping needs to know of the request (an Express request fits). */
export interface ProblemRequest {
  url?: string;
  originalUrl?: string;
  /** Set by pino-http (`genReqId`); falls back to the `x-request-id` header. */
  id?: unknown;
  headers: IncomingHttpHeaders;
  body?: unknown;
}

export interface ProblemOutcome {
  problem: ProblemDetails;
  /** True when the server failed, not the client: worth an error log with the stack. */
  unexpected: boolean;
}

/** The shape body-parser gives its errors (from the `http-errors` package). */
interface BodyParserError {
  type: string;
  status: number;
  expose: boolean;
  message: string;
  limit?: number;
}

export function problemForException(exception: unknown, request: ProblemRequest): ProblemOutcome {
  const context = contextOf(request);
  if (exception instanceof ProblemException) {
    return { problem: { ...context, ...exception.problem }, unexpected: exception.problem.status >= 500 };
  }
  if (isMalformedJson(exception, request)) {
    const detail = `The request body is not valid JSON: ${exception.message}`;
    return { problem: problem(HttpStatus.BAD_REQUEST, 'request.malformed-json', detail, context), unexpected: false };
  }
  if (isExposedBodyParserError(exception)) {
    return { problem: bodyParserProblem(exception, context), unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { problem: problem(status, codeOfStatus(status), detailOf(exception), context), unexpected: status >= 500 };
  }
  if (isDependencyUnavailable(exception)) {
    const detail = `A service the ledger depends on is unavailable; nothing was recorded unless a retry with the same Idempotency-Key says so. Retry in ${DEPENDENCY_RETRY_AFTER_SECONDS} s.`;
    return {
      problem: problem(HttpStatus.SERVICE_UNAVAILABLE, 'dependency.unavailable', detail, { ...context, retryAfterSeconds: DEPENDENCY_RETRY_AFTER_SECONDS }),
      unexpected: false,
    };
  }
  const detail = `The server failed to handle the request; it has been logged${context.requestId ? ` as request ${context.requestId}` : ''}.`;
  return { problem: problem(HttpStatus.INTERNAL_SERVER_ERROR, 'internal', detail, context), unexpected: true };
}

/** A stable code for a plain HTTP status, from its reason phrase: 404 -> `not-found`. */
export function codeOfStatus(status: number): string {
  return statusTitle(status).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * NestJS turns body-parser's JSON syntax error into a plain `BadRequestException`,
 * losing its type. It is recognised by what body-parser leaves behind: a JSON request
 * whose body was never parsed (a handler's own 400 comes after a successful parse).
 */
function isMalformedJson(exception: unknown, request: ProblemRequest): exception is BadRequestException {
  const contentType = request.headers['content-type'] ?? '';
  return exception instanceof BadRequestException && request.body === undefined && /\bjson\b/i.test(contentType);
}

function isExposedBodyParserError(exception: unknown): exception is BodyParserError {
  if (!(exception instanceof Error)) return false;
  const candidate = exception as Partial<BodyParserError>;
  return typeof candidate.type === 'string' && typeof candidate.status === 'number' && candidate.expose === true;
}

function bodyParserProblem(error: BodyParserError, context: ProblemContext): ProblemDetails {
  if (error.type === 'entity.too.large') {
    const limit = error.limit === undefined ? '' : ` of ${error.limit} bytes`;
    return problem(HttpStatus.PAYLOAD_TOO_LARGE, 'request.too-large', `The request body is larger than the limit${limit}.`, context);
  }
  return problem(error.status, codeOfStatus(error.status), error.message, context);
}

function detailOf(exception: HttpException): string {
  const response = exception.getResponse();
  const message = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' && message !== '' ? message : exception.message;
}

type ProblemContext = { instance?: string; requestId?: string };

/** Where and which request: the path only, as a query string may carry tokens that have no place in an error body. */
function contextOf(request: ProblemRequest): ProblemContext {
  const instance = (request.originalUrl ?? request.url)?.split('?')[0];
  const requestId = requestIdOf(request);
  return { ...(instance ? { instance } : {}), ...(requestId ? { requestId } : {}) };
}

function requestIdOf(request: ProblemRequest): string | undefined {
  if (typeof request.id === 'string' || typeof request.id === 'number') return String(request.id);
  const header = request.headers['x-request-id'];
  return Array.isArray(header) ? header[0] : header;
}
