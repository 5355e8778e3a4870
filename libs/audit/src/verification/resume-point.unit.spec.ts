import { parseResumePoint, type ResumePoint } from './resume-point';

const HASH = 'ab'.repeat(32);

const point: ResumePoint = {
  origin: 'alignment-ledger.local/ledger',
  verifierKey: 'alignment-ledger.local/ledger+01234567+AQ==',
  treeSize: 3,
  cursor: { transactionId: '7412', position: 3 },
  subtreeRoots: [HASH, HASH],
  streamHeads: { 'partnership-a': { version: 3, hash: HASH } },
  checkpointsVerified: 1,
  savedAt: '2025-03-01T10:00:00.000Z',
};

describe('parseResumePoint', () => {
  it('accepts a resume point read back from JSON', () => {
    expect(parseResumePoint(JSON.parse(JSON.stringify(point)))).toEqual(point);
  });

  it.each([
    ['not an object', 'it is not a JSON object', []],
    ['a cursor without a transaction id', 'cursor', { ...point, cursor: { position: 3 } }],
    ['a subtree root that is no hash', 'subtreeRoots', { ...point, subtreeRoots: ['xyz'] }],
    ['a stream head without a version', 'streamHeads', { ...point, streamHeads: { s: { hash: HASH } } }],
    ['a negative tree size', 'treeSize', { ...point, treeSize: -1 }],
  ])('refuses %s, saying what is wrong', (_, reason, value) => {
    expect(() => parseResumePoint(value)).toThrow(expect.objectContaining({ code: 'audit.invalid-resume-point', message: expect.stringContaining(reason) }));
  });
});
