import type { NetRowChange } from './coalesce';
import { statementsForLayer } from './sql-statements';

const merge = (id: number, values: Record<string, number>, updateColumns: string[]): NetRowChange => ({
  op: 'merge',
  table: 'metrics',
  key: { partnership_id: 'p1', metric_id: `m${id}` },
  values,
  updateColumns: new Set(updateColumns),
});

describe('rendering net writes as SQL', () => {
  it('writes rows of the same table and columns with one statement carrying all of them', () => {
    const statements = statementsForLayer('ownership', [merge(1, { a: 1 }, ['a']), merge(2, { a: 2 }, ['a'])]);
    expect(statements).toHaveLength(1);
    expect(JSON.parse(statements[0].params[0] as string)).toEqual([
      { partnership_id: 'p1', metric_id: 'm1', a: 1 },
      { partnership_id: 'p1', metric_id: 'm2', a: 2 },
    ]);
  });

  it('gives rows with different column sets their own statements', () => {
    const statements = statementsForLayer('ownership', [merge(1, { a: 1 }, ['a']), merge(2, { a: 2 }, [])]);
    expect(statements.map((statement) => statement.sql)).toEqual([
      expect.stringContaining('DO UPDATE SET "a" = EXCLUDED."a"'),
      expect.stringContaining('DO NOTHING'),
    ]);
  });

  it('writes nothing for an update that sets no column', () => {
    const emptyUpdate: NetRowChange = { op: 'update', table: 'metrics', key: { metric_id: 'm1' }, values: {}, updateColumns: new Set() };
    expect(statementsForLayer('ownership', [emptyUpdate])).toEqual([]);
  });

  it('places every table in the given schema', () => {
    const [statement] = statementsForLayer('ownership_rebuild_2', [merge(1, { a: 1 }, ['a'])]);
    expect(statement.sql).toContain('INSERT INTO "ownership_rebuild_2"."metrics"');
  });

  it('refuses a schema name that is not a plain identifier', () => {
    expect(() => statementsForLayer('ownership"; drop table x; --', [merge(1, { a: 1 }, ['a'])])).toThrow(
      /not a plain SQL identifier/,
    );
  });
});
