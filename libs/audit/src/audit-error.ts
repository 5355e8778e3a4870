/**
 * The one error type of the audit library for a request it cannot answer: an unknown
 * event, a tree size nothing sealed, a range that names no event. `code` is stable
 * (`audit.<what>`) so the service maps it to a problem once and the CLI prints it;
 * `kind` says which HTTP status family it belongs to; `field` names the bad input.
 */
export type AuditErrorKind = 'invalid' | 'not-found' | 'conflict';

export class AuditError extends Error {
  constructor(
    readonly kind: AuditErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AuditError';
  }
}
