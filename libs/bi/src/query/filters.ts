/**
 * Filters: `filter[column]=value` (equals) or `filter[column][operator]=value`. Each
 * operator says which column types it applies to; the parsed filter becomes a SQL
 * condition with its values bound as parameters.
 */
import type { BiColumnType } from '../catalogue/column';
import { BiQueryError } from './query-error';
import { columnReference, findColumn, type SourceColumn } from './query-source';
import { expectedValue, normaliseValue, typedParameter } from './values';

const COMPARABLE: readonly BiColumnType[] = ['text', 'integer', 'bigint', 'numeric', 'date', 'timestamptz'];
const EQUATABLE: readonly BiColumnType[] = [...COMPARABLE, 'boolean'];
const ALL: readonly BiColumnType[] = [...EQUATABLE, 'jsonb'];

/** Binds values as parameters of the column's type, and answers their placeholders. */
interface Binder {
  /** The filter's value. */
  value(): string;
  /** The filter's values, as an array (`in`). */
  list(): string;
  /** A value the operator made from the filter's (a LIKE pattern). */
  derived(value: string): string;
}

interface Operator {
  readonly types: readonly BiColumnType[];
  readonly description: string;
  /** The condition over `column`; `value` is the filter's own, for operators that read it. */
  condition(column: string, bind: Binder, value: string): string;
}

const comparison = (symbol: string, description: string): Operator => ({
  types: COMPARABLE,
  description,
  condition: (column, bind) => `${column} ${symbol} ${bind.value()}`,
});

/** `%` and `_` are wildcards of LIKE, and backslash its escape: a searched text means itself. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;

export const FILTER_OPERATORS = {
  eq: { types: EQUATABLE, description: 'equals (the default: filter[column]=value)', condition: (column, bind) => `${column} = ${bind.value()}` },
  ne: { types: EQUATABLE, description: 'differs from, or is NULL', condition: (column, bind) => `${column} IS DISTINCT FROM ${bind.value()}` },
  gt: comparison('>', 'greater than'),
  gte: comparison('>=', 'greater than or equal to'),
  lt: comparison('<', 'less than'),
  lte: comparison('<=', 'less than or equal to'),
  in: { types: EQUATABLE, description: 'one of a comma-separated list', condition: (column, bind) => `${column} = ANY (${bind.list()})` },
  contains: {
    types: ['text'],
    description: 'contains the text, ignoring case',
    condition: (column, bind, value) => `${column} ILIKE ${bind.derived(likePattern(value))}`,
  },
  null: {
    types: ALL,
    description: 'true: is NULL; false: has a value',
    condition: (column, _bind, value) => `${column} IS ${value === 'true' ? '' : 'NOT '}NULL`,
  },
} satisfies Record<string, Operator>;

export type FilterOperator = keyof typeof FILTER_OPERATORS;

export interface Filter {
  readonly column: SourceColumn;
  readonly operator: FilterOperator;
  /** The normalised value (the list's items for `in`). */
  readonly value: string;
  readonly items: readonly string[];
}

export function parseFilter(columns: readonly SourceColumn[], field: string, name: string, operatorName: string, value: string): Filter {
  const column = findColumn(columns, name);
  if (!column) {
    throw new BiQueryError('query.unknown-column', `There is no column "${name}" to filter on; the columns are: ${columns.map((c) => c.name).join(', ')}.`, field);
  }
  if (!(operatorName in FILTER_OPERATORS)) {
    throw new BiQueryError('query.invalid-operator', `"${operatorName}" is not a filter operator; use one of: ${Object.keys(FILTER_OPERATORS).join(', ')}.`, field);
  }
  const operator = operatorName as FilterOperator;
  if (!(FILTER_OPERATORS[operator].types as readonly BiColumnType[]).includes(column.type)) {
    throw new BiQueryError('query.invalid-operator', `Operator "${operator}" does not apply to ${column.type} column "${name}".`, field);
  }
  if (operator === 'null') return { column, operator, value: booleanOf(value, field), items: [] };
  const items = operator === 'in' ? value.split(',') : [value];
  const normalised = items.map((item) => {
    const valid = normaliseValue(column.type, item);
    if (valid === null) throw new BiQueryError('query.invalid-value', `"${item}" is not ${expectedValue(column.type)}, as column "${name}" needs.`, field);
    return valid;
  });
  return { column, operator, value: normalised[0], items: normalised };
}

/** The filters as one SQL condition; their values are appended to `parameters`. */
export function filterCondition(filters: readonly Filter[], parameters: unknown[]): string {
  if (filters.length === 0) return 'true';
  return filters
    .map(({ column, operator, value, items }) => {
      const bound = (parameter: unknown, array = false) => {
        parameters.push(parameter);
        return typedParameter(parameters.length, column.type, array);
      };
      const bind: Binder = { value: () => bound(value), list: () => bound(items, true), derived: (derived) => bound(derived) };
      return FILTER_OPERATORS[operator].condition(columnReference(column.name), bind, value);
    })
    .join(' AND ');
}

function booleanOf(value: string, field: string): string {
  if (value === 'true' || value === 'false') return value;
  throw new BiQueryError('query.invalid-value', `"${value}" is not true or false, as the null operator needs.`, field);
}
