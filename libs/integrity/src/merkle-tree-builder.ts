/**
 * Builds the RFC 6962 root of a log one leaf at a time, in O(log n) memory, so the
 * ledger can seal a million events (and an auditor recompute the seal) without
 * holding them all.
 *
 * The state is the *compact range* of the tree: the roots of the perfect subtrees
 * that the binary decomposition of the size gives, left to right. A tree of 13 leaves
 * (8 + 4 + 1) is held as three hashes: the roots of leaves [0,8), [8,12) and [12,13).
 * Appending a leaf pushes it and merges equal-sized neighbours, like binary addition;
 * the root folds the stack from the right, which is exactly RFC 6962's split at the
 * largest power of two below n. The compact range is also what an export bundle
 * carries to let a verifier resume the tree in the middle of the log.
 */
import { IntegrityError } from './integrity-error';
import { EMPTY_TREE_ROOT, isHash, nodeHash } from './merkle';

/** A tree's state without its leaves: its size and the roots of its perfect subtrees. */
export interface CompactRange {
  size: number;
  /** Left to right, largest first; one per set bit of `size`. */
  subtreeRoots: Buffer[];
}

export class MerkleTreeBuilder {
  private leafCount = 0;
  private readonly subtreeRoots: Buffer[] = [];

  /** Resumes a tree from its compact range (e.g. the state at the start of an export). */
  static fromCompactRange(range: CompactRange): MerkleTreeBuilder {
    if (!Number.isSafeInteger(range.size) || range.size < 0) {
      throw new IntegrityError('merkle.invalid-compact-range', `Tree size ${range.size} is not a whole number of leaves.`, 'size');
    }
    const expected = countOfSetBits(range.size);
    if (range.subtreeRoots.length !== expected || !range.subtreeRoots.every(isHash)) {
      throw new IntegrityError(
        'merkle.invalid-compact-range',
        `A tree of ${range.size} leaves has ${expected} perfect subtrees, so its compact range needs ` +
          `${expected} hashes of 32 bytes; ${range.subtreeRoots.length} were given.`,
        'subtreeRoots',
      );
    }
    const builder = new MerkleTreeBuilder();
    builder.leafCount = range.size;
    builder.subtreeRoots.push(...range.subtreeRoots.map((root) => Buffer.from(root)));
    return builder;
  }

  get size(): number {
    return this.leafCount;
  }

  append(leafHash: Buffer): void {
    if (!isHash(leafHash)) {
      throw new IntegrityError('merkle.invalid-hash', 'A leaf hash must be 32 bytes.', 'leafHash');
    }
    let merged = leafHash;
    // Each trailing one bit of the old size is a perfect subtree of the new leaf's size: merge it.
    for (let size = this.leafCount; size % 2 === 1; size = Math.floor(size / 2)) {
      merged = nodeHash(this.subtreeRoots.pop()!, merged);
    }
    // Keep a copy of an unmerged leaf: the caller may reuse its buffer.
    this.subtreeRoots.push(merged === leafHash ? Buffer.from(leafHash) : merged);
    this.leafCount += 1;
  }

  /** MTH of the leaves appended so far. */
  root(): Buffer {
    if (this.subtreeRoots.length === 0) return EMPTY_TREE_ROOT;
    let root = this.subtreeRoots[this.subtreeRoots.length - 1]!;
    for (let i = this.subtreeRoots.length - 2; i >= 0; i -= 1) root = nodeHash(this.subtreeRoots[i]!, root);
    return Buffer.from(root);
  }

  compactRange(): CompactRange {
    return { size: this.leafCount, subtreeRoots: this.subtreeRoots.map((root) => Buffer.from(root)) };
  }
}

function countOfSetBits(value: number): number {
  let count = 0;
  for (let rest = value; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}
