/**
 * Why a BI query cannot be answered: a stable code, a sentence, the query parameter at
 * fault and the HTTP status it maps to. Thrown by parsing and lookup before any SQL
 * runs, so a bad query reads nothing.
 */
export type BiQueryErrorCode =
  | 'query.unknown-view'
  | 'query.unknown-aggregate'
  | 'query.resource-not-found'
  | 'query.unknown-parameter'
  | 'query.unknown-column'
  | 'query.invalid-operator'
  | 'query.invalid-value'
  | 'query.invalid-sort'
  | 'query.invalid-cursor'
  | 'query.invalid-limit'
  | 'query.invalid-format'
  | 'query.invalid-grouping'
  | 'query.not-acceptable';

const STATUS_OF: Record<BiQueryErrorCode, number> = {
  'query.unknown-view': 404,
  'query.unknown-aggregate': 404,
  'query.resource-not-found': 404,
  'query.unknown-parameter': 400,
  'query.unknown-column': 400,
  'query.invalid-operator': 400,
  'query.invalid-value': 400,
  'query.invalid-sort': 400,
  'query.invalid-cursor': 400,
  'query.invalid-limit': 400,
  'query.invalid-format': 400,
  'query.invalid-grouping': 400,
  'query.not-acceptable': 406,
};

export class BiQueryError extends Error {
  readonly status: number;

  constructor(
    readonly code: BiQueryErrorCode,
    message: string,
    /** The query parameter at fault, e.g. `filter[occurred_at][gte]`; absent for a path segment. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'BiQueryError';
    this.status = STATUS_OF[code];
  }
}
