/**
 * A column of a BI view, defined once: its name, its SQL type, the expression that
 * computes it, and the sentence that explains it. The view's SQL (with an explicit cast
 * per column), its `COMMENT ON COLUMN`, the data dictionary and the query API's column
 * catalogue are all generated from this one definition, so they cannot disagree.
 */

/** The SQL types BI views use, with the name `information_schema.columns.data_type` reports for each. */
export const BI_COLUMN_TYPES = {
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  numeric: 'numeric',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamp with time zone',
  jsonb: 'jsonb',
} as const;

export type BiColumnType = keyof typeof BI_COLUMN_TYPES;

export interface BiColumn {
  readonly name: string;
  readonly type: BiColumnType;
  /** The expression over the view's FROM clause; cast to `type` in the view. */
  readonly sql: string;
  readonly description: string;
  /**
   * False when the column is never NULL. Keyset pagination needs no NULL handling for
   * such a column, which keeps its conditions index-friendly; a test checks the claim
   * against data.
   */
  readonly nullable: boolean;
}

/** A column that always has a value. */
export function required(name: string, type: BiColumnType, sql: string, description: string): BiColumn {
  return { name, type, sql, description, nullable: false };
}

/** A column that may be NULL; the description says when. */
export function optional(name: string, type: BiColumnType, sql: string, description: string): BiColumn {
  return { name, type, sql, description, nullable: true };
}

/**
 * Keys of several parts are joined with `~`, which no id may contain (ids are letters,
 * digits, `.`, `_`, `:` and `-`) and which needs no escaping in a URL: one text column
 * joins a fact to a dimension in every BI tool (Power BI relationships take one column).
 */
export const KEY_SEPARATOR = '~';

export function compositeKey(...parts: string[]): string {
  return `concat_ws('${KEY_SEPARATOR}', ${parts.join(', ')})`;
}

/** The UTC calendar day of an instant, to join `dim_date_v1`. */
export function utcDay(instant: string): string {
  return `(${instant} AT TIME ZONE 'UTC')::date`;
}

/** A SQL text array as one comma-separated text (BI tools read lists of ids poorly). */
export function commaList(array: string): string {
  return `array_to_string(${array}, ',')`;
}

/**
 * `ledger_position`, `occurred_at` and `recorded_at` of the newest ledger event behind a
 * row. They let a BI tool refresh incrementally: everything changed after position N.
 */
export function ledgerStampColumns(position: string, occurredAt: string, recordedAt: string): BiColumn[] {
  return [
    required(
      'ledger_position',
      'bigint',
      position,
      'Global ledger position of the newest event behind this row; grows with every change, so "ledger_position > N" ' +
        'finds what changed since a refresh at N.',
    ),
    required('occurred_at', 'timestamptz', occurredAt, 'Business time (UTC) of the event at ledger_position.'),
    required('recorded_at', 'timestamptz', recordedAt, 'When the ledger recorded the event at ledger_position (UTC).'),
  ];
}

/** The stamp columns of one projection row (`<alias>.last_position`, ...). */
export function rowStampColumns(alias: string): BiColumn[] {
  return ledgerStampColumns(`${alias}.last_position`, `${alias}.occurred_at`, `${alias}.recorded_at`);
}

/**
 * A `LEFT JOIN LATERAL` named `alias` that picks, among several rows behind a view row,
 * the one changed by the newest ledger event. Each candidate is a SELECT of
 * `last_position, occurred_at, recorded_at`; a view row derived from several projection
 * rows (a reading and its target, an agreement version and the one that superseded it)
 * so carries the stamp of whichever changed last, and an incremental refresh sees it.
 */
export function newestOf(alias: string, candidates: readonly string[]): string {
  return `LEFT JOIN LATERAL (
  SELECT candidate.last_position, candidate.occurred_at, candidate.recorded_at FROM (
    ${candidates.join('\n    UNION ALL ')}
  ) candidate
  ORDER BY candidate.last_position DESC LIMIT 1
) ${alias} ON true`;
}
