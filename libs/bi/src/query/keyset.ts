/**
 * The condition "strictly after the cursor's row" for a sort over several columns,
 * with PostgreSQL's NULL order (NULL sorts above every value: last ascending, first
 * descending). For column i: the rows equal on every earlier column and after on this
 * one. A bound on the first column (which the OR cannot give the planner) lets an
 * index on it start the scan at the cursor.
 */
import { findColumn, sourceRowColumn, type QuerySource, type SortTerm } from './query-source';
import type { CursorValue } from './cursor';
import { typedParameter } from './values';

export function afterCursorCondition(
  source: QuerySource,
  sort: readonly SortTerm[],
  after: readonly CursorValue[],
  parameters: unknown[],
): string {
  const terms = sort.map((term, index) => {
    const column = findColumn(source.columns, term.column);
    if (!column) throw new Error(`Sort column ${term.column} is not an output column of ${source.name}.`);
    const value = after[index];
    const reference = sourceRowColumn(column.name);
    if (value === null) {
      return { after: term.descending ? `${reference} IS NOT NULL` : 'false', equal: `${reference} IS NULL`, bound: null };
    }
    parameters.push(value);
    const parameter = typedParameter(parameters.length, column.type);
    const strictly = `${reference} ${term.descending ? '<' : '>'} ${parameter}`;
    const orNull = column.nullable && !term.descending ? ` OR ${reference} IS NULL` : '';
    const bound = column.nullable ? null : `${reference} ${term.descending ? '<=' : '>='} ${parameter}`;
    return { after: `${strictly}${orNull}`, equal: `${reference} = ${parameter}`, bound };
  });
  const alternatives = terms.map((term, index) =>
    [...terms.slice(0, index).map((earlier) => earlier.equal), `(${term.after})`].join(' AND '),
  );
  const lead = terms[0]?.bound;
  const ordered = `(${alternatives.map((alternative) => `(${alternative})`).join(' OR ')})`;
  return lead ? `${lead} AND ${ordered}` : ordered;
}

export function orderByClause(sort: readonly SortTerm[]): string {
  return sort.map(({ column, descending }) => `${sourceRowColumn(column)}${descending ? ' DESC' : ''}`).join(', ');
}
