/**
 * Verifies the whole ledger from the database: every stream's hash chain and every
 * signed checkpoint, over the log read once, in commit order (the log's order, see
 * committed-log.ts), at full speed. The integrity library's verifiers take that order as
 * the log's: leaf i is the i-th event, positions only have to be unique, so an honest
 * pair of appends that committed in the other order than their positions is no problem. It answers "intact" with what it covered, or the
 * first problem and its place: the event (id, stream, version, position) for a broken
 * chain; the checkpoint and the leaves changed since the one before for a seal that no
 * longer holds (the only way to catch a stream rewritten with a recomputed chain).
 *
 * It trusts nothing in the database but the signed notes, checked with the verifier
 * key the auditor gives; the tree, the chain heads and the verdicts are its own.
 *
 * Long runs report progress after every batch and stop between batches when their
 * signal aborts, answering with a resume point: the last checkpoint it proved at least
 * `resumeSpacing` events after the previous resume point, where the chains are judged
 * and their heads copied (which costs a copy of every head, hence the spacing).
 *
 * Speed: the log arrives as binary COPY batches; worker threads (`EventHashingPool`)
 * recompute every event's hash and leaf hash while this thread decodes only the chain
 * links and runs the order-dependent checks, and every leaf goes into one Merkle tree,
 * the checkpoint segments' (sealed-segments.ts).
 */
import { availableParallelism } from 'node:os';
import { ChainVerifier, HASH_SIZE, parseCheckpoint, parseVerifierKey, type ChainVerification } from '@ledger/integrity';
import type { CopyBatch } from '@ledger/projections/log';
import { AuditError } from '../audit-error';
import { START_OF_LOG, type CommittedLog, type LogCursor } from '../log/committed-log';
import { CHAIN_LINK_ROWS } from '../log/log-rows';
import { EventHashingPool } from './event-hashing-pool';
import type { BatchHashes, HashedBatch } from './event-hashing';
import type { CheckpointStore, StoredCheckpoint } from '../sealing/checkpoint-store';
import { compactRangeOf, type ResumePoint } from './resume-point';
import { SealedSegments, type SegmentFailure } from './sealed-segments';
import {
  chainProblemOf,
  checkpointMismatchOf,
  type LedgerBroken,
  type LedgerInterrupted,
  type LedgerVerificationResult,
  type VerificationProgress,
} from './verification-result';

export interface LedgerVerificationOptions {
  log: CommittedLog;
  checkpoints: CheckpointStore;
  /** The public key the auditor trusts, e.g. from `GET /audit/verifier-key`, pinned. */
  verifierKey: string;
  resumeFrom?: ResumePoint;
  signal?: AbortSignal;
  onProgress?: (progress: VerificationProgress) => void;
  /** Events between progress reports and abort checks (default: after each batch read, about 128 KB of log). */
  pageSize?: number;
  /** Worker threads that recompute hashes (default: one less than the cores, at least one); 0 hashes on this thread. */
  hashingThreads?: number;
  /** Fewest events between two resume points. */
  resumeSpacing?: number;
  clock?: () => number;
}

const DEFAULT_RESUME_SPACING = 50_000;

export function verifyLedger(options: LedgerVerificationOptions): Promise<LedgerVerificationResult> {
  return new LedgerVerification(options).run();
}

class LedgerVerification {
  private readonly clock: () => number;
  private readonly startedAt: number;
  private origin = '';
  private resumePoint!: ResumePoint;
  /** Leaves in the tree: events verified, those of a resumed run included. */
  private treeSize = 0;
  private chains!: ChainVerifier;
  private seals!: SealedSegments;
  private sealedSize = 0;
  private eventsInLog = 0;
  private verifiedNow = 0;

  constructor(private readonly options: LedgerVerificationOptions) {
    this.clock = options.clock ?? Date.now;
    this.startedAt = this.clock();
  }

  async run(): Promise<LedgerVerificationResult> {
    const { log } = this.options;
    const stored = await this.options.checkpoints.list();
    this.start(stored);
    this.eventsInLog = this.resumePoint.treeSize + (await log.count({ after: this.resumePoint.cursor }));
    const early = this.closeReachedSegments(this.resumePoint.cursor);
    if (early) return early;
    const hashing = EventHashingPool.start(this.options.hashingThreads ?? Math.max(1, availableParallelism() - 1));
    try {
      return await this.verifyLog(hashing);
    } finally {
      await hashing.close();
    }
  }

  /** Batches go to the hashing threads as they arrive, and are judged here in order as their hashes come back. */
  private async verifyLog(hashing: EventHashingPool): Promise<LedgerVerificationResult> {
    const { log } = this.options;
    const inFlight: { batch: CopyBatch; hashes: Promise<BatchHashes | HashedBatch> }[] = [];
    const judgeOldest = async (): Promise<LedgerVerificationResult | null> => {
      const { batch, hashes } = inFlight.shift()!;
      return this.verifyBatch(batch, await hashes) ?? this.reportProgress();
    };
    for await (const batch of log.batches(CHAIN_LINK_ROWS.columns, { after: this.resumePoint.cursor })) {
      const hashes = hashing.hash(batch);
      // Settled later, in order; until then a failure must not count as unhandled.
      hashes.catch(() => undefined);
      inFlight.push({ batch, hashes });
      if (inFlight.length > hashing.parallelism) {
        const outcome = await judgeOldest();
        if (outcome) return outcome;
      }
    }
    while (inFlight.length > 0) {
      const outcome = await judgeOldest();
      if (outcome) return outcome;
    }
    return this.finish();
  }

  private start(stored: readonly StoredCheckpoint[]): void {
    const { verifierKey, resumeFrom } = this.options;
    this.origin = originOf(stored, verifierKey, resumeFrom);
    if (resumeFrom && (resumeFrom.origin !== this.origin || resumeFrom.verifierKey !== verifierKey)) {
      throw new AuditError(
        'conflict',
        'audit.resume-mismatch',
        `The saved verification is of log "${resumeFrom.origin}" with key ${resumeFrom.verifierKey}, not of "${this.origin}" ` +
          `with key ${verifierKey}: start a new verification instead of resuming.`,
        'resume',
      );
    }
    this.resumePoint = resumeFrom ?? genesis(this.origin, verifierKey, this.clock());
    this.sealedSize = resumeFrom ? resumeFrom.treeSize : 0;
    this.treeSize = this.resumePoint.treeSize;
    this.chains = chainsFrom(this.resumePoint.treeSize, this.resumePoint.streamHeads);
    this.seals = new SealedSegments(stored, verifierKey, this.origin, compactRangeOf(this.resumePoint));
  }

  /** Reports progress; when the signal has aborted, answers with the resume point. */
  private reportProgress(): LedgerInterrupted | null {
    const { signal, onProgress } = this.options;
    onProgress?.(this.progress());
    if (signal?.aborted) return { status: 'interrupted', origin: this.origin, resumePoint: this.resumePoint, ...this.progress() };
    return null;
  }

  private verifyBatch(batch: CopyBatch, hashes: BatchHashes | HashedBatch): LedgerBroken | LedgerInterrupted | null {
    const { hashMatches, leafHashes } = hashes;
    // Hashed on this thread, the events are decoded already; from a worker, only the links are needed here.
    const { items: links, transactionIds } = 'events' in hashes ? { items: hashes.events, transactionIds: hashes.transactionIds } : CHAIN_LINK_ROWS.decode(batch);
    const { pageSize } = this.options;
    for (let index = 0; index < links.length; index += 1) {
      if (pageSize !== undefined && index > 0 && this.verifiedNow % pageSize === 0) {
        const interrupted = this.reportProgress();
        if (interrupted) return interrupted;
      }
      const link = links[index]!;
      this.chains.add(link, hashMatches[index] === 1);
      const leaf = leafHashes.subarray(index * HASH_SIZE, (index + 1) * HASH_SIZE);
      this.seals.addLeafHash(Buffer.from(leaf.buffer, leaf.byteOffset, HASH_SIZE), link.globalPosition);
      this.treeSize += 1;
      this.verifiedNow += 1;
      if (this.seals.nextBoundary === this.treeSize) {
        const broken = this.closeReachedSegments({ transactionId: transactionIds[index]!, position: link.globalPosition });
        if (broken) return broken;
      }
    }
    return null;
  }

  /** Judges every checkpoint the tree has reached; at `cursor`, the place of the tree's last leaf. */
  private closeReachedSegments(cursor: LogCursor): LedgerBroken | null {
    for (let boundary = this.seals.nextBoundary; boundary !== null && boundary <= this.treeSize; boundary = this.seals.nextBoundary) {
      const failure = this.seals.closeSegment();
      if (failure) return this.broken(this.chains.finish(), failure);
      this.sealedSize = boundary;
    }
    if (this.sealedSize === this.treeSize && this.treeSize - this.resumePoint.treeSize >= this.resumeSpacing()) {
      return this.markResumePoint(cursor);
    }
    return null;
  }

  /** Judges the chains so far and, when they hold, remembers this place to resume from. */
  private markResumePoint(cursor: LogCursor): LedgerBroken | null {
    const chains = this.chains.finish();
    if (chains.status === 'broken') return this.broken(chains, null);
    const streamHeads = Object.fromEntries(this.chains.streamHeads());
    this.resumePoint = {
      origin: this.origin,
      verifierKey: this.options.verifierKey,
      treeSize: this.treeSize,
      cursor,
      subtreeRoots: this.seals.compactRange().subtreeRoots.map((root) => root.toString('hex')),
      streamHeads,
      checkpointsVerified: this.seals.verified,
      savedAt: new Date(this.clock()).toISOString(),
    };
    this.chains = chainsFrom(this.treeSize, streamHeads);
    return null;
  }

  private finish(): LedgerVerificationResult {
    const chains = this.chains.finish();
    const sealFailure = this.seals.finish();
    if (chains.status === 'broken' || sealFailure) return this.broken(chains, sealFailure);
    return {
      status: 'intact',
      origin: this.origin,
      streams: this.chains.streamHeads().size,
      sealedEvents: this.sealedSize,
      unsealedEvents: this.treeSize - this.sealedSize,
      resumedFromTreeSize: this.options.resumeFrom?.treeSize ?? null,
      ...this.progress(),
    };
  }

  private broken(chains: ChainVerification, sealFailure: SegmentFailure | null): LedgerBroken {
    const checkpointProblem = sealFailure ? checkpointMismatchOf(sealFailure) : undefined;
    const chainBreak = chains.status === 'broken' ? chainProblemOf(chains) : undefined;
    const problem = chainBreak ?? checkpointProblem!;
    return {
      status: 'broken',
      origin: this.origin,
      problem,
      ...(chainBreak && checkpointProblem && { checkpointProblem }),
      ...this.progress(),
    };
  }

  private progress(): VerificationProgress {
    const elapsedMs = Math.max(this.clock() - this.startedAt, 1);
    return {
      eventsVerified: this.treeSize,
      eventsInLog: Math.max(this.eventsInLog, this.treeSize),
      checkpointsVerified: this.seals.verified,
      elapsedMs,
      eventsPerSecond: Math.round((this.verifiedNow * 1000) / elapsedMs),
    };
  }

  private resumeSpacing(): number {
    return this.options.resumeSpacing ?? DEFAULT_RESUME_SPACING;
  }
}

/** Chains checked from leaf `firstLeafIndex` on, each stream going on from its head there. */
function chainsFrom(firstLeafIndex: number, streamHeads: ResumePoint['streamHeads']): ChainVerifier {
  return new ChainVerifier({ firstLeafIndex, knownHeads: new Map(Object.entries(streamHeads)) });
}

/** The log's name: its checkpoints say it; before the first seal, the key names it. */
export function ledgerOrigin(stored: readonly StoredCheckpoint[], verifierKey: string): string {
  return originOf(stored, verifierKey, undefined);
}

function originOf(stored: readonly StoredCheckpoint[], verifierKey: string, resumeFrom: ResumePoint | undefined): string {
  for (const checkpoint of stored) {
    try {
      return parseCheckpoint(checkpoint.signedNote).origin;
    } catch {
      // An unreadable note is reported by the verification itself; look for the next.
    }
  }
  return resumeFrom?.origin ?? parseVerifierKey(verifierKey).name;
}

function genesis(origin: string, verifierKey: string, now: number): ResumePoint {
  return {
    origin,
    verifierKey,
    treeSize: 0,
    cursor: START_OF_LOG,
    subtreeRoots: [],
    streamHeads: {},
    checkpointsVerified: 0,
    savedAt: new Date(now).toISOString(),
  };
}
