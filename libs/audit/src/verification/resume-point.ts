/**
 * Where an interrupted verification can pick up again: a place in the log just after a
 * checkpoint it verified, with everything needed to go on from there without reading
 * what came before: the cursor, the Merkle tree's compact range and every stream's
 * chain head at that place. It is trusted because the verifier computed it itself;
 * keep it where only the auditor can write (the CLI keeps it in a local file).
 *
 * `parseResumePoint` checks the JSON read back from such a file before any of it is
 * used, and says what is wrong in one sentence.
 */
import type { CompactRange, StreamHead } from '@ledger/integrity';
import { AuditError } from '../audit-error';
import type { LogCursor } from '../log/committed-log';

export interface ResumePoint {
  /** The log verified: the origin of its checkpoints. */
  origin: string;
  /** The key the checkpoints were verified with; a resume with another key starts over. */
  verifierKey: string;
  /** Leaves verified so far: every event up to `cursor`. */
  treeSize: number;
  cursor: LogCursor;
  /** Hex roots of the tree's perfect subtrees at `treeSize`. */
  subtreeRoots: string[];
  streamHeads: Record<string, StreamHead>;
  /** Checkpoints proven up to here. */
  checkpointsVerified: number;
  savedAt: string;
}

const HEX_HASH = /^[0-9a-f]{64}$/;

export function compactRangeOf(point: Pick<ResumePoint, 'treeSize' | 'subtreeRoots'>): CompactRange {
  return { size: point.treeSize, subtreeRoots: point.subtreeRoots.map((root) => Buffer.from(root, 'hex')) };
}

export function parseResumePoint(value: unknown): ResumePoint {
  const problem = resumePointProblem(value);
  if (problem) throw new AuditError('invalid', 'audit.invalid-resume-point', `The saved verification state is unusable: ${problem}.`, 'resume');
  return value as ResumePoint;
}

function resumePointProblem(value: unknown): string | null {
  if (!isRecord(value)) return 'it is not a JSON object';
  if (typeof value.origin !== 'string' || typeof value.verifierKey !== 'string') return 'origin or verifierKey is missing';
  if (!isCount(value.treeSize) || !isCount(value.checkpointsVerified)) return 'treeSize or checkpointsVerified is not a whole number';
  const cursor = value.cursor;
  if (!isRecord(cursor) || typeof cursor.transactionId !== 'string' || !/^\d+$/.test(cursor.transactionId) || !isCount(cursor.position)) {
    return 'its cursor is not { transactionId, position }';
  }
  if (!Array.isArray(value.subtreeRoots) || !value.subtreeRoots.every((root) => typeof root === 'string' && HEX_HASH.test(root))) {
    return 'its subtreeRoots are not hex hashes';
  }
  const heads = value.streamHeads;
  if (!isRecord(heads) || !Object.values(heads).every((head) => isRecord(head) && isCount(head.version) && typeof head.hash === 'string' && HEX_HASH.test(head.hash))) {
    return 'its streamHeads are not { version, hash } per stream';
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
