/**
 * The one error the domain throws: a command broke a business rule. It carries a stable
 * dotted code for machines, a full sentence for people and, when one input field is to
 * blame, that field's path inside the command's data (e.g. `metricId`,
 * `assignments[1].teamId`), so the edge can map it to a response without guessing.
 */

/**
 * `not-found`: the partnership itself does not exist; `conflict`: the thing was already
 * done or already exists (a retry or a duplicate id); `rule`: anything else the
 * agreement forbids, including references to unknown things inside a partnership.
 */
export type DomainErrorKind = 'rule' | 'not-found' | 'conflict';

export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  static rule(code: string, message: string, field?: string): DomainError {
    return new DomainError('rule', code, message, field);
  }

  static conflict(code: string, message: string, field?: string): DomainError {
    return new DomainError('conflict', code, message, field);
  }

  static notFound(code: string, message: string, field?: string): DomainError {
    return new DomainError('not-found', code, message, field);
  }
}
