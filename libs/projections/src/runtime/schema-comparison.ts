/**
 * Compares two builds of a projection row by row: every table dumped from both schemas
 * in primary-key order, and each row compared whole (as `jsonb` text, so a timestamp or
 * a number that differs in any digit shows). Tests use it to prove a view equals a
 * rebuild from scratch; an auditor can compare the live schema with a retired one or a
 * fresh rebuild the same way.
 *
 * `consumer_offsets` is left out of `comparableTables`: it records which Kafka messages
 * fed a schema, which a rebuild from the event store never reads.
 */
import type { Projection } from '../projection';
import type { QueryFunction } from '../row-changes/row-change-applier';
import { qualifiedName } from '../sql/identifiers';
import { STREAM_POSITIONS_TABLE } from './checkpoints';

export interface RowDifference {
  /** Index of the row in primary-key order. */
  readonly index: number;
  /** The row as JSON text, or null where that schema has fewer rows. */
  readonly first: string | null;
  readonly second: string | null;
}

export interface TableComparison {
  readonly table: string;
  readonly firstRows: number;
  readonly secondRows: number;
  /** The first differences found (at most `maxDifferences`); empty when the tables are equal. */
  readonly differences: readonly RowDifference[];
}

export interface SchemaComparison {
  readonly equal: boolean;
  readonly tables: readonly TableComparison[];
}

/** The projection's tables and its stream positions: everything a rebuild must reproduce. */
export function comparableTables(projection: Projection): string[] {
  return [...projection.tables, STREAM_POSITIONS_TABLE];
}

export async function compareSchemas(
  query: QueryFunction,
  firstSchema: string,
  secondSchema: string,
  tables: readonly string[],
  maxDifferences = 5,
): Promise<SchemaComparison> {
  const comparisons: TableComparison[] = [];
  for (const table of tables) {
    const order = await primaryKeyOrder(query, qualifiedName(firstSchema, table));
    const [first, second] = await Promise.all([dump(query, firstSchema, table, order), dump(query, secondSchema, table, order)]);
    comparisons.push({ table, firstRows: first.length, secondRows: second.length, differences: differencesOf(first, second, maxDifferences) });
  }
  return { equal: comparisons.every((table) => table.differences.length === 0), tables: comparisons };
}

/** A readable account of what differs, for a failing test or an audit note. */
export function describeComparison(comparison: SchemaComparison): string {
  if (comparison.equal) return 'Every table is equal, row by row.';
  return comparison.tables
    .filter((table) => table.differences.length > 0)
    .map(
      ({ table, firstRows, secondRows, differences }) =>
        `${table} (${firstRows} rows vs ${secondRows}):\n` +
        differences.map(({ index, first, second }) => `  row ${index}:\n    ${first}\n    ${second}`).join('\n'),
    )
    .join('\n');
}

async function primaryKeyOrder(query: QueryFunction, table: string): Promise<string> {
  const { rows } = await query(
    `SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY array_position(i.indkey::int2[], a.attnum)) AS columns
     FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary`,
    [table],
  );
  const columns = (rows as { columns: string | null }[])[0]?.columns;
  if (!columns) throw new Error(`Table ${table} has no primary key to order its rows by.`);
  return columns;
}

async function dump(query: QueryFunction, schema: string, table: string, order: string): Promise<string[]> {
  const { rows } = await query(`SELECT to_jsonb(t)::text AS row FROM ${qualifiedName(schema, table)} t ORDER BY ${order}`, []);
  return (rows as { row: string }[]).map((row) => row.row);
}

function differencesOf(first: readonly string[], second: readonly string[], maxDifferences: number): RowDifference[] {
  const differences: RowDifference[] = [];
  for (let index = 0; index < Math.max(first.length, second.length) && differences.length < maxDifferences; index += 1) {
    if (first[index] !== second[index]) differences.push({ index, first: first[index] ?? null, second: second[index] ?? null });
  }
  return differences;
}
