import { structuralDiff } from './structural-diff';

describe('structuralDiff', () => {
  it('finds nothing between equal values, however deep', () => {
    const value = { status: 'active', partners: [{ teamId: 'marketing' }], metrics: { mql: { targets: { '2025-01': 400 } } } };
    expect(structuralDiff(value, structuredClone(value))).toEqual([]);
  });

  it('names each added, removed and changed path, keys in sorted order', () => {
    const before = { status: 'proposed', metrics: { mql: { ownerTeamId: 'marketing' } }, slas: { contact: { target: 0.9 } } };
    const after = { status: 'active', metrics: { mql: { ownerTeamId: 'sales' }, revenue: { ownerTeamId: 'sales' } }, slas: {} };
    expect(structuralDiff(before, after)).toEqual([
      { kind: 'changed', path: ['metrics', 'mql', 'ownerTeamId'], before: 'marketing', after: 'sales' },
      { kind: 'added', path: ['metrics', 'revenue'], after: { ownerTeamId: 'sales' } },
      { kind: 'removed', path: ['slas', 'contact'], before: { target: 0.9 } },
      { kind: 'changed', path: ['status'], before: 'proposed', after: 'active' },
    ]);
  });

  it('compares arrays item by item and reports items beyond the shorter one', () => {
    expect(structuralDiff({ partners: ['marketing', 'sales'] }, { partners: ['marketing', 'it', 'finance'] })).toEqual([
      { kind: 'changed', path: ['partners', 1], before: 'sales', after: 'it' },
      { kind: 'added', path: ['partners', 2], after: 'finance' },
    ]);
  });

  it('treats a value that changes its kind (null, object, array) as one change of the whole', () => {
    expect(structuralDiff({ scope: null }, { scope: { priorities: ['pipeline'] } })).toEqual([
      { kind: 'changed', path: ['scope'], before: null, after: { priorities: ['pipeline'] } },
    ]);
    expect(structuralDiff({ usage: [] }, { usage: {} })).toEqual([{ kind: 'changed', path: ['usage'], before: [], after: {} }]);
  });

  it('tells a key holding null from a missing key', () => {
    expect(structuralDiff({ retirement: null }, {})).toEqual([{ kind: 'removed', path: ['retirement'], before: null }]);
  });
});
