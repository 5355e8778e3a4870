import fc from 'fast-check';
import { EMPTY_TREE_ROOT, leafHash, merkleRoot } from './merkle';
import { MerkleTreeBuilder } from './merkle-tree-builder';

const leaves = Array.from({ length: 200 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));

describe('MerkleTreeBuilder', () => {
  it('starts as the empty tree', () => {
    const builder = new MerkleTreeBuilder();
    expect(builder.size).toBe(0);
    expect(builder.root()).toEqual(EMPTY_TREE_ROOT);
  });

  it('has the RFC 6962 root of its leaves after every append', () => {
    const builder = new MerkleTreeBuilder();
    leaves.forEach((leaf, i) => {
      builder.append(leaf);
      expect(builder.root()).toEqual(merkleRoot(leaves.slice(0, i + 1)));
    });
  });

  it('holds one hash per perfect subtree, not one per leaf', () => {
    const builder = new MerkleTreeBuilder();
    leaves.slice(0, 13).forEach((leaf) => builder.append(leaf));
    const range = builder.compactRange();
    expect(range.size).toBe(13);
    expect(range.subtreeRoots).toEqual([merkleRoot(leaves.slice(0, 8)), merkleRoot(leaves.slice(8, 12)), leaves[12]]);
  });

  it('resumes from a compact range to the same roots as building from the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 80 }), (startSize, extra) => {
        const first = new MerkleTreeBuilder();
        leaves.slice(0, startSize).forEach((leaf) => first.append(leaf));
        const resumed = MerkleTreeBuilder.fromCompactRange(first.compactRange());
        leaves.slice(startSize, startSize + extra).forEach((leaf) => resumed.append(leaf));
        expect(resumed.size).toBe(startSize + extra);
        expect(resumed.root()).toEqual(merkleRoot(leaves.slice(0, startSize + extra)));
      }),
    );
  });

  it('is not changed when the caller later reuses the buffer of an appended leaf', () => {
    const builder = new MerkleTreeBuilder();
    const reused = Buffer.from(leaves[0]!);
    builder.append(reused);
    reused.fill(0);
    expect(builder.root()).toEqual(leaves[0]);
  });

  it('refuses a compact range whose hash count does not match its size', () => {
    expect(() => MerkleTreeBuilder.fromCompactRange({ size: 13, subtreeRoots: [leaves[0]!, leaves[1]!] })).toThrow(
      expect.objectContaining({ code: 'merkle.invalid-compact-range', field: 'subtreeRoots' }),
    );
  });

  it('refuses a leaf hash that is not 32 bytes', () => {
    expect(() => new MerkleTreeBuilder().append(Buffer.alloc(20))).toThrow(expect.objectContaining({ code: 'merkle.invalid-hash' }));
  });
});
