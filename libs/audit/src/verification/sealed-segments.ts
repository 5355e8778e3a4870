/**
 * Checks the log against its signed checkpoints one segment at a time: the leaves from
 * one checkpoint to the next go through a `CheckpointVerifier` (libs/integrity) that
 * starts from the tree at the first and knows only the second. At each checkpoint the
 * segment's verdict is final, so a verification knows it has proven the log up to
 * there: that is what lets it stop at the first failing checkpoint, and resume after
 * an interruption from the last one proven.
 *
 * Checkpoints are taken in the order of the tree sizes their signed notes state (not
 * the sizes stored beside them, which anyone with write access could edit); the
 * segment verifier checks each note's signature and origin.
 *
 * The segments' verifiers hold the verification's one Merkle tree: each segment starts
 * from the tree where the one before ended, so every leaf is hashed into it once.
 */
import { CheckpointVerifier, parseCheckpoint, type CheckpointProblem, type CompactRange } from '@ledger/integrity';
import type { StoredCheckpoint } from '../sealing/checkpoint-store';

export interface SealedCheckpoint {
  /** The tree size the signed note states (the stored one when the note cannot even be read). */
  treeSize: number;
  signedNote: string;
}

export interface SegmentFailure {
  checkpoint: SealedCheckpoint;
  /** Index among all checkpoints, in signing order. */
  checkpointIndex: number;
  problem: CheckpointProblem;
}

export class SealedSegments {
  private readonly checkpoints: SealedCheckpoint[];
  private next = 0;
  private segment: CheckpointVerifier;

  private readonly firstIndex: number;

  /** @param checkpoints every stored checkpoint; those up to `start` count as verified before */
  constructor(
    checkpoints: readonly StoredCheckpoint[],
    private readonly verifierKey: string,
    private readonly origin: string,
    start: CompactRange,
  ) {
    const all = checkpoints.map(sealedCheckpointOf).sort((a, b) => a.treeSize - b.treeSize);
    this.checkpoints = all.filter((checkpoint) => checkpoint.treeSize > start.size);
    this.firstIndex = all.length - this.checkpoints.length;
    this.segment = this.openSegment(start);
  }

  get verified(): number {
    return this.firstIndex + this.next;
  }

  /** The size of the next checkpoint to reach, or null when every one is behind. */
  get nextBoundary(): number | null {
    return this.checkpoints[this.next]?.treeSize ?? null;
  }

  /** The next leaf of the log (`eventLeafHash` of its event). */
  addLeafHash(leafHash: Buffer, globalPosition: number): void {
    this.segment.addLeafHash(leafHash, globalPosition);
  }

  /** The tree over every leaf added, from the start given. */
  compactRange(): CompactRange {
    return this.segment.compactRange();
  }

  /** At the next checkpoint's size: its verdict, and the next segment, from the tree here, when it holds. */
  closeSegment(): SegmentFailure | null {
    const failure = this.failureOf(this.segment.finish());
    if (failure) return failure;
    this.next += 1;
    this.segment = this.openSegment(this.segment.compactRange());
    return null;
  }

  /** At the end of the log: any checkpoint not reached seals events that are gone. */
  finish(): SegmentFailure | null {
    return this.failureOf(this.segment.finish());
  }

  private openSegment(start: CompactRange): CheckpointVerifier {
    const checkpoint = this.checkpoints[this.next];
    const notes = checkpoint ? [checkpoint.signedNote] : [];
    return new CheckpointVerifier(notes, this.verifierKey, { start, expectedOrigin: this.origin });
  }

  private failureOf(verdict: ReturnType<CheckpointVerifier['finish']>): SegmentFailure | null {
    if (verdict.status === 'intact') return null;
    return { checkpoint: this.checkpoints[this.next]!, checkpointIndex: this.firstIndex + this.next, problem: verdict };
  }
}

function sealedCheckpointOf(stored: StoredCheckpoint): SealedCheckpoint {
  try {
    return { treeSize: parseCheckpoint(stored.signedNote).treeSize, signedNote: stored.signedNote };
  } catch {
    return { treeSize: stored.treeSize, signedNote: stored.signedNote };
  }
}
