/**
 * Renders net row writes as few multi-row SQL statements: one per table and column
 * set. Rows travel as one JSON array parameter and are typed by the target table
 * itself (`json_populate_recordset(NULL::table, ...)`), so the statements need no
 * per-column casts and no parameter-count limits. (`json`, not `jsonb`: Postgres reads
 * it once without building a binary document first, which makes bulk writes faster.)
 */
import { qualifiedName, quoteIdentifier } from '../sql/identifiers';
import type { NetRowChange } from './coalesce';

export interface SqlStatement {
  readonly sql: string;
  readonly params: unknown[];
}

interface StatementGroup {
  readonly op: NetRowChange['op'];
  readonly table: string;
  readonly keyColumns: readonly string[];
  readonly valueColumns: readonly string[];
  readonly updateColumns: readonly string[];
  /** Each row as JSON text, written straight from the write's key and values. */
  readonly rows: string[];
}

/** Statements for one layer of writes, in which every row appears at most once. */
export function statementsForLayer(schema: string, writes: readonly NetRowChange[]): SqlStatement[] {
  const groups = new Map<string, StatementGroup>();
  for (const write of writes) {
    // An update that sets nothing changes nothing, and would not be valid SQL.
    if (write.op === 'update' && write.updateColumns.size === 0) continue;
    const keyColumns = Object.keys(write.key);
    const valueColumns = Object.keys(write.values);
    const updateColumns = [...write.updateColumns];
    // Rows whose columns come in another order get a statement of their own: still correct, just one more.
    const signature = `${write.op}|${write.table}|${keyColumns.join(',')}|${valueColumns.join(',')}|${updateColumns.join(',')}`;
    let group = groups.get(signature);
    if (!group) {
      group = { op: write.op, table: write.table, keyColumns, valueColumns, updateColumns, rows: [] };
      groups.set(signature, group);
    }
    group.rows.push(rowJson(write));
  }
  return [...groups.values()].map((group) =>
    group.op === 'merge' ? mergeStatement(schema, group) : updateStatement(schema, group),
  );
}

/** `{...key, ...values}` as JSON, without building the merged object. */
function rowJson(write: NetRowChange): string {
  const key = JSON.stringify(write.key);
  const values = JSON.stringify(write.values);
  return values === '{}' ? key : `${key.slice(0, -1)},${values.slice(1)}`;
}

function rowsFrom(table: string): string {
  return `json_populate_recordset(NULL::${table}, $1::json)`;
}

function mergeStatement(schema: string, group: StatementGroup): SqlStatement {
  const table = qualifiedName(schema, group.table);
  const columns = [...group.keyColumns, ...group.valueColumns].map(quoteIdentifier).join(', ');
  const onConflict =
    group.updateColumns.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${group.updateColumns.map((c) => `${quoteIdentifier(c)} = EXCLUDED.${quoteIdentifier(c)}`).join(', ')}`;
  const sql =
    `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM ${rowsFrom(table)} ` +
    `ON CONFLICT (${group.keyColumns.map(quoteIdentifier).join(', ')}) ${onConflict}`;
  return { sql, params: [`[${group.rows.join(',')}]`] };
}

function updateStatement(schema: string, group: StatementGroup): SqlStatement {
  const table = qualifiedName(schema, group.table);
  const assignments = group.updateColumns.map((c) => `${quoteIdentifier(c)} = given.${quoteIdentifier(c)}`);
  const keyMatch = group.keyColumns.map((c) => `target.${quoteIdentifier(c)} = given.${quoteIdentifier(c)}`);
  const sql =
    `UPDATE ${table} AS target SET ${assignments.join(', ')} FROM ${rowsFrom(table)} AS given ` +
    `WHERE ${keyMatch.join(' AND ')}`;
  return { sql, params: [`[${group.rows.join(',')}]`] };
}
