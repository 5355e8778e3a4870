/**
 * The SQL of a list query: the source with its filters, then the rows after the cursor
 * in sort order, formatted for output. Sorting and paging read the typed columns of
 * the source's rows; the select list hands out formatted values under the same names.
 */
import { afterCursorCondition, orderByClause } from './keyset';
import { filterCondition } from './filters';
import type { ListQuery } from './list-query';
import { SOURCE_ROWS, type QuerySource } from './query-source';
import { outputExpression } from './row-format';

export interface Statement {
  readonly text: string;
  readonly values: unknown[];
}

export function listStatement(source: QuerySource, query: Pick<ListQuery, 'filters' | 'sort' | 'after'>, limit: number | null): Statement {
  const values: unknown[] = [];
  const where = filterCondition(query.filters, values);
  const after = query.after === null ? 'true' : afterCursorCondition(source, query.sort, query.after, values);
  const lines = [
    `SELECT ${source.columns.map(outputExpression).join(', ')}`,
    `FROM (${source.relation(where)}) AS ${SOURCE_ROWS}`,
    `WHERE ${after}`,
    `ORDER BY ${orderByClause(query.sort)}`,
  ];
  if (limit !== null) {
    values.push(limit);
    lines.push(`LIMIT $${values.length}`);
  }
  return { text: lines.join('\n'), values };
}
