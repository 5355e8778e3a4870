import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  EMPTY_TREE_ROOT,
  consistencyProof,
  inclusionProof,
  leafHash,
  merkleRoot,
  nodeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

// The RFC 6962 reference data published with certificate-transparency and
// transparency-dev/merkle (testonly/constants.go, proof/verify_test.go).
const REFERENCE_LEAF_DATA = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(fromHex);
const REFERENCE_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const REFERENCE_INCLUSION_PROOFS = [
  { index: 0, size: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { index: 5, size: 8, proof: ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  { index: 1, size: 5, proof: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
];
const REFERENCE_CONSISTENCY_PROOFS = [
  { oldSize: 1, newSize: 8, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'] },
  { oldSize: 6, newSize: 8, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
  { oldSize: 2, newSize: 5, proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'] },
  { oldSize: 6, newSize: 7, proof: ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7'] },
];

const referenceLeaves = REFERENCE_LEAF_DATA.map(leafHash);
const referenceRoot = (size: number) => fromHex(REFERENCE_ROOTS[size]!);
const someHash = fromHex('abacaba000000000000000000000000000000000000000000060061e00123456');

describe('RFC 6962 tree hashing', () => {
  it('gives the empty tree the SHA-256 of the empty string', () => {
    expect(merkleRoot([])).toEqual(EMPTY_TREE_ROOT);
    expect(toHex(EMPTY_TREE_ROOT)).toBe(REFERENCE_ROOTS[0]);
  });

  it('matches the published root of every reference tree size from 1 to 8', () => {
    for (let size = 1; size <= 8; size += 1) {
      expect(toHex(merkleRoot(referenceLeaves.slice(0, size)))).toBe(REFERENCE_ROOTS[size]);
    }
  });

  it('hashes a leaf of any length as SHA-256 over 0x00 and its data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const expected = createHash('sha256').update(Buffer.from([0])).update(bytes).digest();
        expect(leafHash(Buffer.from(bytes))).toEqual(expected);
      }),
    );
  });

  it('separates leaves from nodes so an interior node can never pass for a leaf', () => {
    const [left, right] = [referenceLeaves[1]!, referenceLeaves[2]!];
    expect(leafHash(Buffer.concat([left, right]))).not.toEqual(nodeHash(left, right));
  });

  it('agrees with a bottom-up brute-force tree for any leaves', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: 1, maxLength: 64 }), (data) => {
        const leaves = data.map((bytes) => leafHash(Buffer.from(bytes)));
        expect(merkleRoot(leaves)).toEqual(bottomUpRoot(leaves));
      }),
    );
  });

  it('refuses to hash a node from children that are not 32-byte hashes', () => {
    expect(() => nodeHash(Buffer.alloc(31), someHash)).toThrow(expect.objectContaining({ code: 'merkle.invalid-hash', field: 'left' }));
  });
});

describe('inclusion proofs', () => {
  it.each(REFERENCE_INCLUSION_PROOFS)('produce and accept the published proof for leaf $index of $size', ({ index, size, proof }) => {
    const leaves = referenceLeaves.slice(0, size);
    expect(inclusionProof(leaves, index).map(toHex)).toEqual(proof);
    expect(verifyInclusion(leaves[index]!, index, size, proof.map(fromHex), referenceRoot(size))).toBe(true);
  });

  it.each(REFERENCE_INCLUSION_PROOFS)('reject every corruption of the published proof for leaf $index of $size', ({ index, size, proof }) => {
    const leaf = referenceLeaves[index]!;
    const root = referenceRoot(size);
    const path = proof.map(fromHex);
    const corruptions: Array<[number, number, Buffer, Buffer[], Buffer]> = [
      [index - 1, size, leaf, path, root],
      [index + 1, size, leaf, path, root],
      [index ^ 2, size, leaf, path, root],
      [index, size * 2, leaf, path, root],
      [index, Math.floor(size / 2), leaf, path, root],
      [index, size, someHash, path, root],
      [index, size, leaf, path, EMPTY_TREE_ROOT],
      [index, size, leaf, [...path, root], root],
      [index, size, leaf, [root, ...path], root],
      [index, size, leaf, path.slice(0, -1), root],
      [index, size, leaf, [path[0]!, someHash, ...path.slice(1)], root],
      ...path.map((_, i): [number, number, Buffer, Buffer[], Buffer] => [index, size, leaf, flipBit(path, i), root]),
    ];
    for (const [i, n, l, p, r] of corruptions) expect(verifyInclusion(l, i, n, p, r)).toBe(false);
  });

  it('verify for every leaf of every tree size from 1 to 64, and only at that leaf', () => {
    const leaves = syntheticLeaves(64);
    for (let size = 1; size <= 64; size += 1) {
      const tree = leaves.slice(0, size);
      const root = bottomUpRoot(tree);
      for (let index = 0; index < size; index += 1) {
        const proof = inclusionProof(tree, index);
        expect(verifyInclusion(tree[index]!, index, size, proof, root)).toBe(true);
        if (size > 1) expect(verifyInclusion(tree[(index + 1) % size]!, index, size, proof, root)).toBe(false);
      }
    }
  });

  it('never verify a proof with one bit flipped', () => {
    const leaves = syntheticLeaves(64);
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 64 }), fc.nat(), fc.nat(), fc.nat(255), (size, rawIndex, rawElement, bit) => {
        const index = rawIndex % size;
        const tree = leaves.slice(0, size);
        const proof = inclusionProof(tree, index);
        const tampered = flipBit(proof, rawElement % proof.length, bit);
        expect(verifyInclusion(tree[index]!, index, size, tampered, merkleRoot(tree))).toBe(false);
      }),
    );
  });

  it('are refused for an index outside the tree with a clear error', () => {
    expect(() => inclusionProof(referenceLeaves, 8)).toThrow(expect.objectContaining({ code: 'merkle.index-out-of-range' }));
  });

  it('never verify an index at or beyond the tree size', () => {
    expect(verifyInclusion(someHash, 0, 0, [], EMPTY_TREE_ROOT)).toBe(false);
    expect(verifyInclusion(someHash, 1, 1, [], someHash)).toBe(false);
  });
});

describe('consistency proofs', () => {
  it.each(REFERENCE_CONSISTENCY_PROOFS)('produce and accept the published proof from $oldSize to $newSize', ({ oldSize, newSize, proof }) => {
    expect(consistencyProof(referenceLeaves.slice(0, newSize), oldSize).map(toHex)).toEqual(proof);
    expect(verifyConsistency(oldSize, newSize, referenceRoot(oldSize), referenceRoot(newSize), proof.map(fromHex))).toBe(true);
  });

  it.each(REFERENCE_CONSISTENCY_PROOFS)('reject every corruption of the published proof from $oldSize to $newSize', ({ oldSize, newSize, proof }) => {
    const [oldRoot, newRoot] = [referenceRoot(oldSize), referenceRoot(newSize)];
    const path = proof.map(fromHex);
    const corruptions: Array<[number, number, Buffer, Buffer, Buffer[]]> = [
      [oldSize - 1, newSize, oldRoot, newRoot, path],
      [oldSize + 1, newSize, oldRoot, newRoot, path],
      [oldSize ^ 2, newSize, oldRoot, newRoot, path],
      [oldSize, newSize * 2, oldRoot, newRoot, path],
      [oldSize, Math.floor(newSize / 2), oldRoot, newRoot, path],
      [oldSize, newSize, someHash, newRoot, path],
      [oldSize, newSize, oldRoot, someHash, path],
      [oldSize, newSize, newRoot, oldRoot, path],
      [oldSize, newSize, oldRoot, newRoot, []],
      [oldSize, newSize, oldRoot, newRoot, [...path, oldRoot]],
      [oldSize, newSize, oldRoot, newRoot, [...path, newRoot]],
      [oldSize, newSize, oldRoot, newRoot, [oldRoot, ...path]],
      [oldSize, newSize, oldRoot, newRoot, [newRoot, ...path]],
      [oldSize, newSize, oldRoot, newRoot, [path[0]!, ...path]],
      [oldSize, newSize, oldRoot, newRoot, path.slice(0, -1)],
      ...path.map((_, i): [number, number, Buffer, Buffer, Buffer[]] => [oldSize, newSize, oldRoot, newRoot, flipBit(path, i)]),
    ];
    for (const [m, n, r1, r2, p] of corruptions) expect(verifyConsistency(m, n, r1, r2, p)).toBe(false);
  });

  it('verify between every pair of tree sizes up to 64', () => {
    const leaves = syntheticLeaves(64);
    for (let newSize = 1; newSize <= 64; newSize += 1) {
      const tree = leaves.slice(0, newSize);
      const newRoot = bottomUpRoot(tree);
      for (let oldSize = 1; oldSize <= newSize; oldSize += 1) {
        const proof = consistencyProof(tree, oldSize);
        expect(verifyConsistency(oldSize, newSize, bottomUpRoot(leaves.slice(0, oldSize)), newRoot, proof)).toBe(true);
      }
    }
  });

  it('never prove a rewritten prefix consistent with the original tree', () => {
    const leaves = syntheticLeaves(64);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 63 }), fc.integer({ min: 2, max: 64 }), fc.nat(), (rawOld, newSize, rawChanged) => {
        const oldSize = Math.min(rawOld, newSize - 1);
        const rewritten = [...leaves.slice(0, newSize)];
        rewritten[rawChanged % oldSize] = someHash;
        const proof = consistencyProof(rewritten, oldSize);
        const originalOldRoot = merkleRoot(leaves.slice(0, oldSize));
        expect(verifyConsistency(oldSize, newSize, originalOldRoot, merkleRoot(rewritten), proof)).toBe(false);
      }),
    );
  });

  it('hold trivially from the empty tree and between equal trees, and never backwards', () => {
    const root = referenceRoot(3);
    expect(consistencyProof(referenceLeaves.slice(0, 3), 0)).toEqual([]);
    expect(verifyConsistency(0, 3, EMPTY_TREE_ROOT, root, [])).toBe(true);
    expect(verifyConsistency(0, 3, EMPTY_TREE_ROOT, root, [root])).toBe(false);
    expect(verifyConsistency(3, 3, root, root, [])).toBe(true);
    expect(verifyConsistency(3, 3, root, referenceRoot(4), [])).toBe(false);
    expect(verifyConsistency(4, 3, referenceRoot(4), root, [])).toBe(false);
  });
});

function bottomUpRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_TREE_ROOT;
  let level = [...leaves];
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      next.push(createHash('sha256').update(Buffer.from([1])).update(level[i]!).update(level[i + 1]!).digest());
    }
    // A lone last node is carried up unchanged (RFC 6962 never duplicates it).
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}

function syntheticLeaves(count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => leafHash(Buffer.from([i, (i * 7) % 256])));
}

function flipBit(path: readonly Buffer[], element: number, bit = 3): Buffer[] {
  const copy = path.map((hash) => Buffer.from(hash));
  copy[element]![Math.floor(bit / 8) % copy[element]!.length]! ^= 1 << bit % 8;
  return copy;
}

function fromHex(hex: string): Buffer {
  return Buffer.from(hex, 'hex');
}

function toHex(bytes: Buffer): string {
  return bytes.toString('hex');
}
