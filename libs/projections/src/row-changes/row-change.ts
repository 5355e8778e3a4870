/**
 * A RowChange is what a projection asks of its read model for one event: an
 * idempotent write to one row of one table, named by its key. Projections stay pure
 * (event in, row changes out) and the applier decides how to write them efficiently.
 *
 * There is no "increment" and no "delete": every change sets values, so applying the
 * same change twice leaves the same row, and nothing the ledger records ever removes a
 * row (revocations, withdrawals and retirements are kept as facts on the row).
 */

/** A value a column can take; objects and arrays are stored as `jsonb`. */
export type ColumnValue = string | number | boolean | null | readonly unknown[] | { readonly [field: string]: unknown };

/** Column name to value; names are the tables' snake_case column names. */
export type Row = Readonly<Record<string, ColumnValue>>;

export type RowChangeKind = 'upsert' | 'insertIfAbsent' | 'update';

export interface RowChange {
  /**
   * - `upsert`: insert the row, or set `values` on the existing one;
   * - `insertIfAbsent`: insert the row, leave an existing one untouched;
   * - `update`: set `values` on the existing row, do nothing when there is none.
   */
  readonly kind: RowChangeKind;
  /** Unqualified table name: the applier places it in the projection's schema. */
  readonly table: string;
  /** The primary-key columns and their values. */
  readonly key: Row;
  /** The non-key columns this change sets. */
  readonly values: Row;
}

export function upsert(table: string, key: Row, values: Row): RowChange {
  return { kind: 'upsert', table, key, values };
}

export function insertIfAbsent(table: string, key: Row, values: Row): RowChange {
  return { kind: 'insertIfAbsent', table, key, values };
}

export function update(table: string, key: Row, values: Row): RowChange {
  return { kind: 'update', table, key, values };
}
