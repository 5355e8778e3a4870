/**
 * RFC 9457 problem details: the one error shape every service of the product answers
 * with (`application/problem+json`), over HTTP and in dead-letter reasons alike.
 *
 * `code` is the stable, machine-readable name of the problem (clients branch on it);
 * `type` is the same code as a URI, as the RFC asks; `errors` names each offending
 * field with the rule it broke, so a publisher can fix its payload without guessing.
 */
import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://alignment-ledger.dev/problems/';

/** One thing wrong with the input: where (`data.partners[1].teamId`), which rule, and a sentence. */
export interface FieldViolation {
  field: string;
  rule: string;
  message: string;
}

export interface ProblemDetails {
  /** URI naming the problem type, e.g. `https://alignment-ledger.dev/problems/request.invalid`. */
  type: string;
  /** Short summary of the problem type (the HTTP reason phrase unless given). */
  title: string;
  status: number;
  /** What went wrong with this request, as a human sentence. */
  detail: string;
  /** The request path the problem occurred on. */
  instance?: string;
  code: string;
  errors?: FieldViolation[];
  /** RFC 9457 extension members, e.g. `expectedVersion`, `requestId`. */
  [extension: string]: unknown;
}

export type ProblemExtras = Partial<Omit<ProblemDetails, 'type' | 'status' | 'code' | 'detail'>>;

export function problemType(code: string): string {
  return `${PROBLEM_TYPE_BASE}${code}`;
}

/** The reason phrase of an HTTP status, e.g. `Not Found`; `Error` for an unknown status. */
export function statusTitle(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** Builds a problem; extras whose value is `undefined` are left out rather than sent as gaps. */
export function problem(status: number, code: string, detail: string, extras: ProblemExtras = {}): ProblemDetails {
  const definedExtras = Object.fromEntries(Object.entries(extras).filter(([, value]) => value !== undefined));
  return { type: problemType(code), title: statusTitle(status), status, detail, code, ...definedExtras };
}

/**
 * Throw this to answer with a specific problem. It is an `HttpException`, so even a
 * context without the problem filter answers with the right status.
 */
export class ProblemException extends HttpException {
  constructor(readonly problem: ProblemDetails, options?: { cause?: unknown }) {
    super(problem, problem.status, options);
    this.message = problem.detail;
  }
}
