import fc from 'fast-check';
import { coalesceRowChanges, type NetRowChange } from './coalesce';
import { insertIfAbsent, update, upsert, type Row, type RowChange } from './row-change';

type Table = Map<string, Record<string, unknown>>;

const rowId = (table: string, key: Row) => `${table}:${JSON.stringify(key)}`;

/** The meaning of a RowChange, applied to an in-memory table: the reference the plan must match. */
function applyOneByOne(changes: readonly RowChange[]): Table {
  const rows: Table = new Map();
  for (const change of changes) {
    const id = rowId(change.table, change.key);
    const existing = rows.get(id);
    if (!existing && change.kind !== 'update') rows.set(id, { ...change.key, ...change.values });
    if (existing && change.kind !== 'insertIfAbsent') Object.assign(existing, change.values);
  }
  return rows;
}

/** The meaning of a net write, as the SQL statements carry it out. */
function applyPlan(layers: readonly NetRowChange[][]): Table {
  const rows: Table = new Map();
  for (const layer of layers) {
    for (const write of layer) {
      const id = rowId(write.table, write.key);
      const existing = rows.get(id);
      if (!existing && write.op === 'merge') rows.set(id, { ...write.key, ...write.values });
      if (existing) for (const column of write.updateColumns) existing[column] = write.values[column];
    }
  }
  return rows;
}

const changeArbitrary: fc.Arbitrary<RowChange> = fc.record({
  kind: fc.constantFrom('upsert', 'insertIfAbsent', 'update'),
  table: fc.constantFrom('contributions', 'metrics'),
  key: fc.record({ partnership_id: fc.constantFrom('p1', 'p2'), id: fc.integer({ min: 1, max: 3 }) }),
  values: fc.record({ a: fc.integer({ min: 0, max: 9 }), b: fc.string(), c: fc.boolean() }, { requiredKeys: [] }),
});

describe('coalescing row changes', () => {
  it('reaches the same rows as applying every change one at a time, in order', () => {
    fc.assert(
      fc.property(fc.array(changeArbitrary, { maxLength: 60 }), (changes) => {
        expect(applyPlan(coalesceRowChanges(changes))).toEqual(applyOneByOne(changes));
      }),
      { numRuns: 500 },
    );
  });

  it('writes each row at most once per layer', () => {
    fc.assert(
      fc.property(fc.array(changeArbitrary, { maxLength: 60 }), (changes) => {
        for (const layer of coalesceRowChanges(changes)) {
          const ids = layer.map((write) => rowId(write.table, write.key));
          expect(new Set(ids).size).toBe(ids.length);
        }
      }),
    );
  });

  it('folds the life of one row (insert, then updates) into a single merge', () => {
    const key = { partnership_id: 'p1', contribution_id: 'c1' };
    const layers = coalesceRowChanges([
      upsert('contributions', key, { status: 'committed', due_date: '2025-01-31' }),
      update('contributions', key, { delivered_at: '2025-01-28T10:00:00Z' }),
      insertIfAbsent('contributions', key, { status: 'ignored' }),
    ]);
    expect(layers).toEqual([
      [
        {
          op: 'merge',
          table: 'contributions',
          key,
          values: { status: 'committed', due_date: '2025-01-31', delivered_at: '2025-01-28T10:00:00Z' },
          updateColumns: new Set(['status', 'due_date', 'delivered_at']),
        },
      ],
    ]);
  });

  it('splits an update of a possibly missing row followed by an insert-if-absent into two layers', () => {
    const key = { id: 1 };
    const layers = coalesceRowChanges([update('t', key, { a: 1 }), insertIfAbsent('t', key, { a: 2 })]);
    expect(layers.map((layer) => layer.map((write) => write.op))).toEqual([['update'], ['merge']]);
  });

  it('keeps an update followed by an upsert of the same columns in one merge', () => {
    const layers = coalesceRowChanges([update('t', { id: 1 }, { a: 1 }), upsert('t', { id: 1 }, { a: 2, b: 3 })]);
    expect(layers).toHaveLength(1);
    expect(layers[0][0]).toMatchObject({ op: 'merge', values: { a: 2, b: 3 } });
  });
});
