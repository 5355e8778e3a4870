/**
 * RFC 6962 Merkle tree hashing over the ordered leaves of the global log, with the
 * inclusion and consistency proofs of RFC 6962 section 2.1.1/2.1.2, verified by the
 * algorithms of RFC 9162 section 2.1.3.2/2.1.4.2 step by step. Following the standard
 * exactly (0x00 leaf prefix, 0x01 node prefix, split at the largest power of two
 * below n) is what lets transparency-log tooling and auditors' own scripts check the
 * ledger's signed checkpoints without our code.
 *
 * Sizes and indexes are plain numbers: every value up to 2^53 is exact, and the bit
 * steps of the RFC are written as arithmetic (`% 2`, halving) so they stay exact past
 * 32 bits, where JavaScript's bitwise operators would not.
 */
import { hash } from 'node:crypto';
import { IntegrityError } from './integrity-error';

export const HASH_SIZE = 32;

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

/**
 * Every event costs one leaf hash and, on average, one node hash: reused input
 * buffers spare those allocations (hashing is synchronous, so nothing shares them).
 */
const SMALL_LEAF_SIZE = 64;
const leafInput = Buffer.alloc(1 + SMALL_LEAF_SIZE);
leafInput[0] = LEAF_PREFIX;
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeInput[0] = NODE_PREFIX;

/**
 * SHA-256 of `bytes`. The one-shot `crypto.hash` is several times faster than
 * `createHash` for inputs this small, and decoding its hex output is faster in Node 20
 * than asking it for a Buffer.
 */
function sha256(bytes: Buffer): Buffer {
  return Buffer.from(hash('sha256', bytes, 'hex'), 'hex');
}

/** MTH of the empty tree: SHA-256 of the empty string. */
export const EMPTY_TREE_ROOT: Buffer = sha256(Buffer.alloc(0));

export function leafHash(data: Buffer): Buffer {
  if (data.length > SMALL_LEAF_SIZE) return sha256(Buffer.concat([leafInput.subarray(0, 1), data]));
  data.copy(leafInput, 1);
  return sha256(leafInput.subarray(0, 1 + data.length));
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  assertHash(left, 'left');
  assertHash(right, 'right');
  left.copy(nodeInput, 1);
  right.copy(nodeInput, 1 + HASH_SIZE);
  return sha256(nodeInput);
}

/** MTH(D[n]) of RFC 6962 section 2.1 over already hashed leaves. */
export function merkleRoot(leafHashes: readonly Buffer[]): Buffer {
  if (leafHashes.length === 0) return EMPTY_TREE_ROOT;
  return Buffer.from(subtreeRoot(leafHashes, 0, leafHashes.length));
}

/** PATH(m, D[n]) of RFC 6962 section 2.1.1: sibling hashes from the leaf up to the root. */
export function inclusionProof(leafHashes: readonly Buffer[], index: number): Buffer[] {
  if (!isSize(index) || index >= leafHashes.length) {
    throw new IntegrityError(
      'merkle.index-out-of-range',
      `Leaf index ${index} is not in a tree of ${leafHashes.length} leaves.`,
      'index',
    );
  }
  return auditPath(leafHashes, index, 0, leafHashes.length);
}

/** PROOF(m, D[n]) of RFC 6962 section 2.1.2: empty when either tree is empty or both are equal. */
export function consistencyProof(leafHashes: readonly Buffer[], oldSize: number): Buffer[] {
  if (!isSize(oldSize) || oldSize > leafHashes.length) {
    throw new IntegrityError(
      'merkle.size-out-of-range',
      `Old tree size ${oldSize} is not between 0 and the tree size ${leafHashes.length}.`,
      'oldSize',
    );
  }
  if (oldSize === 0 || oldSize === leafHashes.length) return [];
  return subproof(leafHashes, oldSize, 0, leafHashes.length, true);
}

/** RFC 9162 section 2.1.3.2: does `proof` show the leaf at `index` inside the tree `root`? */
export function verifyInclusion(
  leaf: Buffer,
  index: number,
  treeSize: number,
  proof: readonly Buffer[],
  root: Buffer,
): boolean {
  if (!isSize(index) || !isSize(treeSize) || index >= treeSize) return false;
  if (!isHash(leaf) || !isHash(root) || !proof.every(isHash)) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = nodeHash(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 section 2.1.4.2: is the tree `newRoot` an append-only extension of `oldRoot`? */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Buffer,
  newRoot: Buffer,
  proof: readonly Buffer[],
): boolean {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) return false;
  if (!isHash(oldRoot) || !isHash(newRoot) || !proof.every(isHash)) return false;
  if (oldSize === newSize) return proof.length === 0 && oldRoot.equals(newRoot);
  // The empty tree is a prefix of every tree; there is nothing to prove.
  if (oldSize === 0) return proof.length === 0 && oldRoot.equals(EMPTY_TREE_ROOT);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (isOdd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = nodeHash(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && fr.equals(oldRoot) && sr.equals(newRoot);
}

/** The `k` of RFC 6962: the largest power of two smaller than `n` (n > 1). */
function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isHash(value: unknown): value is Buffer {
  return Buffer.isBuffer(value) && value.length === HASH_SIZE;
}

function subtreeRoot(leaves: readonly Buffer[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 1) return leaves[start]!;
  const k = largestPowerOfTwoBelow(n);
  return nodeHash(subtreeRoot(leaves, start, start + k), subtreeRoot(leaves, start + k, end));
}

function auditPath(leaves: readonly Buffer[], index: number, start: number, end: number): Buffer[] {
  const n = end - start;
  if (n === 1) return [];
  const k = largestPowerOfTwoBelow(n);
  if (index < k) {
    const path = auditPath(leaves, index, start, start + k);
    path.push(subtreeRoot(leaves, start + k, end));
    return path;
  }
  const path = auditPath(leaves, index - k, start + k, end);
  path.push(subtreeRoot(leaves, start, start + k));
  return path;
}

/** SUBPROOF(m, D[start:end], b): `isWholeOldTree` is the RFC's flag b. */
function subproof(
  leaves: readonly Buffer[],
  oldSize: number,
  start: number,
  end: number,
  isWholeOldTree: boolean,
): Buffer[] {
  const n = end - start;
  if (oldSize === n) return isWholeOldTree ? [] : [subtreeRoot(leaves, start, end)];
  const k = largestPowerOfTwoBelow(n);
  if (oldSize <= k) {
    const proof = subproof(leaves, oldSize, start, start + k, isWholeOldTree);
    proof.push(subtreeRoot(leaves, start + k, end));
    return proof;
  }
  const proof = subproof(leaves, oldSize - k, start + k, end, false);
  proof.push(subtreeRoot(leaves, start, start + k));
  return proof;
}

function assertHash(value: Buffer, field: string): void {
  if (!isHash(value)) {
    throw new IntegrityError('merkle.invalid-hash', `The ${field} child is not a ${HASH_SIZE}-byte hash.`, field);
  }
}

function isSize(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

function isOdd(value: number): boolean {
  return value % 2 === 1;
}

function half(value: number): number {
  return Math.floor(value / 2);
}

function isPowerOfTwo(value: number): boolean {
  return value > 0 && largestPowerOfTwoBelow(value + 1) === value;
}
