/**
 * What a ledger verification answers: intact (with what it covered), broken (the
 * first problem, named by its place), or interrupted (with where to resume).
 */
import type { ChainBreak, ChainBreakKind, CheckpointProblemKind, LeafRange } from '@ledger/integrity';
import type { ResumePoint } from './resume-point';
import type { SegmentFailure } from './sealed-segments';

export interface VerificationProgress {
  /** Events verified, those of a resumed run included. */
  eventsVerified: number;
  /** Events in the log when the run began. */
  eventsInLog: number;
  checkpointsVerified: number;
  elapsedMs: number;
  /** Events verified by this run per second. */
  eventsPerSecond: number;
}

/** A stream's chain is broken: names the event. */
export interface ChainProblem {
  source: 'chain';
  kind: ChainBreakKind;
  detail: string;
  eventId: string;
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  leafIndex: number;
}

/** The log does not match a signed checkpoint: names the checkpoint and the leaves changed since the one before. */
export interface CheckpointMismatch {
  source: 'checkpoint';
  kind: CheckpointProblemKind;
  detail: string;
  /** The integrity library's error code when the note itself failed (e.g. `note.bad-signature`). */
  code?: string;
  checkpoint: { index: number; treeSize: number; signedNote: string };
  changedRange?: LeafRange;
}

export type VerificationProblem = ChainProblem | CheckpointMismatch;

export interface LedgerIntact extends VerificationProgress {
  status: 'intact';
  origin: string;
  streams: number;
  /** Events a signed checkpoint proves; the rest await the next seal, their chains checked. */
  sealedEvents: number;
  unsealedEvents: number;
  resumedFromTreeSize: number | null;
}

export interface LedgerBroken extends VerificationProgress {
  status: 'broken';
  origin: string;
  /** The most precise account of the first damage: a chain break when one is found, else the checkpoint. */
  problem: VerificationProblem;
  /** The checkpoint that failed too, when `problem` is a chain break in its segment. */
  checkpointProblem?: CheckpointMismatch;
}

export interface LedgerInterrupted extends VerificationProgress {
  status: 'interrupted';
  origin: string;
  resumePoint: ResumePoint;
}

export type LedgerVerificationResult = LedgerIntact | LedgerBroken | LedgerInterrupted;

export function chainProblemOf(chainBreak: ChainBreak): ChainProblem {
  const { kind, detail, eventId, streamId, streamVersion, globalPosition, leafIndex } = chainBreak;
  return { source: 'chain', kind, detail, eventId, streamId, streamVersion, globalPosition, leafIndex };
}

export function checkpointMismatchOf({ checkpoint, checkpointIndex, problem }: SegmentFailure): CheckpointMismatch {
  return {
    source: 'checkpoint',
    kind: problem.kind,
    // The segment's verifier knew this checkpoint as its only one, number 0.
    detail: problem.detail.replace(/\b([Cc])heckpoint 0\b/g, `$1heckpoint ${checkpointIndex}`),
    ...(problem.code !== undefined && { code: problem.code }),
    checkpoint: { index: checkpointIndex, treeSize: checkpoint.treeSize, signedNote: checkpoint.signedNote },
    ...(problem.changedRange && { changedRange: problem.changedRange }),
  };
}
