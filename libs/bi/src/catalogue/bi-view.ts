/**
 * A BI view: a stable, documented relation of schema `bi`, shaped as a star schema
 * (facts and dimensions). The definition is the single source of the view's SQL, its
 * comments (which BI tools show), the data dictionary and the query API's catalogue.
 *
 * Versioning policy: a view's name ends with its version (`_v1`). Once released, a
 * version keeps its columns, their order and their types; fixes that keep the shape
 * are fine. A breaking change adds `_v2` beside `_v1`, which stays until its readers
 * have moved. PostgreSQL itself enforces this on every start-up: `CREATE OR REPLACE
 * VIEW` refuses to drop, rename or retype a column of an existing view.
 */
import { escapeIdentifier, escapeLiteral } from 'pg';
import { BI_COLUMN_TYPES, KEY_SEPARATOR, type BiColumn } from './column';

export const BI_SCHEMA = 'bi';

export type BiViewKind = 'fact' | 'dimension';

export interface BiViewKey {
  /** The single-column key BI tools join on. */
  readonly column: string;
  /** The columns whose values, joined by `~`, make the key: unique together, and indexed at the source. */
  readonly parts: readonly string[];
}

export interface BiView {
  readonly name: string;
  readonly kind: BiViewKind;
  /** What one row is: "one row per ...". */
  readonly grain: string;
  readonly description: string;
  readonly key: BiViewKey;
  readonly columns: readonly BiColumn[];
  /** The FROM clause (joins, WHERE) the column expressions read. */
  readonly from: string;
}

export function biViewName(view: Pick<BiView, 'name'>): string {
  return `${escapeIdentifier(BI_SCHEMA)}.${escapeIdentifier(view.name)}`;
}

/** The view's comment: its description, grain and key, as BI tools and the dictionary show it. */
export function viewComment(view: BiView): string {
  const parts = view.key.parts.length > 1 ? ` (${view.key.parts.join(` ${KEY_SEPARATOR} `)})` : '';
  return `${capitalised(view.kind)}. ${view.description} Grain: ${view.grain}. Key: ${view.key.column}${parts}.`;
}

/** Creates or replaces the view (columns cast to their declared types) and its comments. */
export function viewStatements(view: BiView): string[] {
  const name = biViewName(view);
  const select = view.columns
    .map((column) => `  (${column.sql})::${BI_COLUMN_TYPES[column.type]} AS ${escapeIdentifier(column.name)}`)
    .join(',\n');
  return [
    `CREATE OR REPLACE VIEW ${name} AS\nSELECT\n${select}\n${view.from}`,
    `COMMENT ON VIEW ${name} IS ${escapeLiteral(viewComment(view))}`,
    ...view.columns.map(
      (column) => `COMMENT ON COLUMN ${name}.${escapeIdentifier(column.name)} IS ${escapeLiteral(column.description)}`,
    ),
  ];
}

function capitalised(text: string): string {
  return `${text[0].toUpperCase()}${text.slice(1)}`;
}
