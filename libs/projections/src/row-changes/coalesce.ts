/**
 * Coalescing: turns an ordered batch of RowChanges into a few "net" writes per row,
 * with the same final state as applying the batch one change at a time.
 *
 * Each row's run of changes folds into one net write of one of two shapes, each a
 * single SQL statement for many rows at once:
 * - `merge`: insert the row, or on conflict set `updateColumns` from it
 *   (upsert and insert-if-absent are both merges);
 * - `update`: set columns on the row if it exists.
 * A run that no single shape can express (an update of an unknown row followed by an
 * insert) is split: the row's writes go to successive layers, and layers run in order.
 * Within a layer every row appears at most once and rows never depend on each other,
 * so a layer can be written as one statement per table and column set.
 */
import type { ColumnValue, Row, RowChange } from './row-change';

export interface NetRowChange {
  readonly op: 'merge' | 'update';
  readonly table: string;
  readonly key: Row;
  /** Non-key columns: inserted by a merge, set by an update. */
  readonly values: Row;
  /** The columns an existing row takes from `values`; an empty set leaves it untouched. */
  readonly updateColumns: ReadonlySet<string>;
}

interface PendingWrite {
  op: 'merge' | 'update';
  table: string;
  key: Row;
  /** The first change's values until a second change needs a copy to write into. */
  values: Row;
  ownsValues: boolean;
  updateColumns: Set<string>;
}

interface RowSlot {
  pending: PendingWrite;
  layer: number;
}

/** Layers of net writes; run them in order, each layer's writes in any order. */
export function coalesceRowChanges(changes: readonly RowChange[]): NetRowChange[][] {
  const slots = new Map<string, RowSlot>();
  const layers: NetRowChange[][] = [];
  for (const change of changes) {
    const rowId = rowIdentity(change);
    const slot = slots.get(rowId);
    if (!slot) {
      slots.set(rowId, { pending: startWrite(change), layer: 0 });
    } else if (!absorb(slot.pending, change)) {
      addToLayer(layers, slot.layer, slot.pending);
      slot.layer += 1;
      slot.pending = startWrite(change);
    }
  }
  for (const slot of slots.values()) addToLayer(layers, slot.layer, slot.pending);
  return layers;
}

/** The same row whatever order its key columns were listed in. */
function rowIdentity(change: RowChange): string {
  const columns = Object.keys(change.key);
  if (columns.length > 1) columns.sort();
  let identity = change.table;
  for (const column of columns) identity += `\u0000${column}=${JSON.stringify(change.key[column])}`;
  return identity;
}

function startWrite(change: RowChange): PendingWrite {
  const setsColumns = change.kind !== 'insertIfAbsent';
  return {
    op: change.kind === 'update' ? 'update' : 'merge',
    table: change.table,
    key: change.key,
    values: change.values,
    ownsValues: false,
    updateColumns: new Set(setsColumns ? Object.keys(change.values) : []),
  };
}

/** Folds `change` into the pending write; false when no single write can express both. */
function absorb(pending: PendingWrite, change: RowChange): boolean {
  if (pending.op === 'merge') {
    // After a merge the row exists: an insert-if-absent is a no-op, anything else sets columns.
    if (change.kind !== 'insertIfAbsent') setColumns(pending, change.values);
    return true;
  }
  if (change.kind === 'update') {
    setColumns(pending, change.values);
    return true;
  }
  // An update of a row that may not exist, then an upsert: one merge only if the upsert
  // overwrites every column the update set, so the update's effect no longer shows.
  const coversPendingUpdate = [...pending.updateColumns].every((column) => column in change.values);
  if (change.kind === 'upsert' && coversPendingUpdate) {
    pending.op = 'merge';
    pending.values = change.values;
    pending.ownsValues = false;
    pending.updateColumns = new Set(Object.keys(change.values));
    return true;
  }
  return false;
}

function setColumns(pending: PendingWrite, values: Row): void {
  const merged = (pending.ownsValues ? pending.values : { ...pending.values }) as Record<string, ColumnValue>;
  for (const [column, value] of Object.entries(values)) {
    merged[column] = value;
    pending.updateColumns.add(column);
  }
  pending.values = merged;
  pending.ownsValues = true;
}

function addToLayer(layers: NetRowChange[][], layer: number, write: PendingWrite): void {
  while (layers.length <= layer) layers.push([]);
  const { op, table, key, values, updateColumns } = write;
  layers[layer].push({ op, table, key, values, updateColumns });
}
