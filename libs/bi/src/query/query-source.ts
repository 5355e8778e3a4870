/**
 * What a list query runs against: a BI view, or an aggregate of a fact view grouped by
 * the dimensions asked for. Both offer output columns (what a row holds, what may be
 * sorted on), the columns filters may name, and a set of output columns unique
 * together, which ends every sort so keyset pages never skip or repeat a row.
 */
import { escapeIdentifier } from 'pg';
import { biViewName, type BiView } from '../catalogue/bi-view';
import type { BiColumnType } from '../catalogue/column';

export interface SourceColumn {
  readonly name: string;
  readonly type: BiColumnType;
  readonly nullable: boolean;
  readonly description: string;
}

export interface SortTerm {
  readonly column: string;
  readonly descending: boolean;
}

export interface QuerySource {
  /** The view or aggregate name, as it appears in the URL. */
  readonly name: string;
  readonly columns: readonly SourceColumn[];
  readonly filterColumns: readonly SourceColumn[];
  /** Output columns, never NULL, unique together: the final tie-breaker of every sort. */
  readonly unique: readonly string[];
  readonly defaultSort: readonly SortTerm[];
  /** SQL whose rows carry the output columns, with `where` applied to the filter columns. */
  relation(where: string): string;
}

/** A view as a query source: rows in key order unless sorted otherwise. */
export function viewSource(view: BiView): QuerySource {
  return {
    name: view.name,
    columns: view.columns,
    filterColumns: view.columns,
    unique: view.key.parts,
    defaultSort: view.key.parts.map((column) => ({ column, descending: false })),
    relation: (where) => `SELECT * FROM ${biViewName(view)} WHERE ${where}`,
  };
}

export function findColumn(columns: readonly SourceColumn[], name: string): SourceColumn | undefined {
  return columns.find((column) => column.name === name);
}

/** A column of the source's rows, by name (filters run inside the source, on its own columns). */
export function columnReference(name: string): string {
  return escapeIdentifier(name);
}

/** What the outer query calls the source's rows: sorting and paging read their typed columns there. */
export const SOURCE_ROWS = 'source_rows';

/** A typed column of the source's rows, where the select list holds the formatted value under the same name. */
export function sourceRowColumn(name: string): string {
  return `${SOURCE_ROWS}.${escapeIdentifier(name)}`;
}
