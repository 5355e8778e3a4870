/**
 * SQL views over a projection's base tables: what BI tools and people read. Derived
 * values that depend on other rows or on the query time (status, on time, overdue,
 * attainment, compliance, gaps, health) live here, never in the tables, so they are
 * always computed from the facts as they stand. Each view carries a comment, which
 * BI tools show as its description.
 */
import { qualifiedName, quoteIdentifier } from './identifiers';

export interface ViewDefinition {
  readonly name: string;
  /** What a row of the view is, in one or two sentences. */
  readonly comment: string;
  /** Formulas and meanings of derived columns, shown by BI tools beside the column. */
  readonly columnComments?: Readonly<Record<string, string>>;
  /** The view's query; `table(name)` names a table, view or function of the same schema. */
  select(table: (name: string) => string): string;
}

export function createViewStatements(schema: string, views: readonly ViewDefinition[]): string[] {
  const inSchema = (name: string) => qualifiedName(schema, name);
  return views.flatMap((view) => [
    `CREATE VIEW ${inSchema(view.name)} AS\n${view.select(inSchema)}`,
    `COMMENT ON VIEW ${inSchema(view.name)} IS ${sqlLiteral(view.comment)}`,
    ...Object.entries(view.columnComments ?? {}).map(
      ([column, comment]) => `COMMENT ON COLUMN ${inSchema(view.name)}.${quoteIdentifier(column)} IS ${sqlLiteral(comment)}`,
    ),
  ]);
}

/** Later views read earlier ones, so they are dropped in reverse order. */
export function dropViewStatements(schema: string, views: readonly ViewDefinition[]): string[] {
  return [...views].reverse().map((view) => `DROP VIEW IF EXISTS ${qualifiedName(schema, view.name)}`);
}

/** The stamp columns of a row, for fact views BI tools refresh incrementally. */
export function stampColumns(alias: string): string {
  return `${alias}.last_position, ${alias}.occurred_at, ${alias}.recorded_at`;
}

/** A list of constants (roles, rule names) as a SQL text array. */
export function sqlTextArray(values: readonly string[]): string {
  return `ARRAY[${values.map(sqlLiteral).join(', ')}]::text[]`;
}

function sqlLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
