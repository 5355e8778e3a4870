import { BI_VIEWS } from './catalogue';
import { viewStatements } from './bi-view';

const STAMP = ['ledger_position', 'occurred_at', 'recorded_at'];

describe('the BI view catalogue', () => {
  it('names every view as a fact or a dimension with its version: fact_<noun>_v<n>, dim_<noun>_v<n>', () => {
    for (const view of BI_VIEWS) expect(view.name).toMatch(view.kind === 'fact' ? /^fact_[a-z_]+_v\d+$/ : /^dim_[a-z_]+_v\d+$/);
    expect(new Set(BI_VIEWS.map((view) => view.name)).size).toBe(BI_VIEWS.length);
  });

  it('gives every column a snake_case name, once per view', () => {
    for (const view of BI_VIEWS) {
      const names = view.columns.map((column) => column.name);
      expect(names.filter((name) => !/^[a-z][a-z0-9_]*$/.test(name))).toEqual([]);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('makes every key of columns of its own view that are never NULL, the key column first', () => {
    for (const view of BI_VIEWS) {
      const required = view.columns.filter((column) => !column.nullable).map((column) => column.name);
      expect(required).toEqual(expect.arrayContaining([view.key.column, ...view.key.parts]));
      expect(view.columns[0].name).toBe(view.key.column);
    }
  });

  it('carries the ledger position, business time and ledger time on every fact row, never NULL', () => {
    for (const view of BI_VIEWS.filter((candidate) => candidate.kind === 'fact')) {
      const stamp = view.columns.filter((column) => STAMP.includes(column.name));
      expect(stamp.map((column) => [column.name, column.type, column.nullable])).toEqual([
        ['ledger_position', 'bigint', false],
        ['occurred_at', 'timestamptz', false],
        ['recorded_at', 'timestamptz', false],
      ]);
    }
  });

  it('keeps aggregation out of fact views, so BI tools aggregate on top', () => {
    for (const view of BI_VIEWS.filter((candidate) => candidate.kind === 'fact')) expect(view.from).not.toMatch(/GROUP BY/i);
  });

  it('creates each view with CREATE OR REPLACE and an explicit cast per column, so a release cannot change a type unnoticed', () => {
    const [create] = viewStatements(BI_VIEWS[0]);
    expect(create).toMatch(/^CREATE OR REPLACE VIEW "bi"\."fact_metric_reading_v1" AS/);
    expect(create).toContain(')::numeric AS "attainment"');
  });
});
