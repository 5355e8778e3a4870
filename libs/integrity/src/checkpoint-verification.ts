/**
 * Proves the global log unchanged since the ledger signed its checkpoints: recomputes
 * the RFC 6962 root over the event leaves (event-leaf.ts), in log order (the order the
 * entries are given: commit order, in which positions need not increase), and compares
 * it with each signed root when the tree reaches that checkpoint's size.
 * This is the check that catches what hash chains cannot: a stream rewritten with a
 * recomputed chain, events of different streams swapped, the newest events deleted.
 *
 * Where it fails, the signed checkpoints themselves bound the damage: the first
 * checkpoint that no longer matches is preceded by one that does, so the change lies
 * in the leaves between the two ("leaves a+1 to b changed after checkpoint k was
 * signed"). The positions of the events at leaves a and b say where that is in the log,
 * as cursors: the events between them in log order, not those numbered between them.
 * Roots the ledger stored without signing (`storedRoots`) can narrow that range
 * further, but only as a hint: whoever could rewrite events could rewrite them.
 *
 * Checkpoints must come in the order they were signed. Before any leaf is hashed they
 * are checked for their signature and against each other: one origin, sizes that never
 * shrink, and one root per size (two roots for one size prove a forked log).
 *
 * A verifier may start mid-log from the compact range of the tree at that point (see
 * export-bundle.ts); a checkpoint beyond the last leaf is then verified through a
 * consistency proof from the tree at the last leaf.
 */
import { eventLeafHash } from './event-leaf';
import { IntegrityError } from './integrity-error';
import { verifyConsistency } from './merkle';
import { CompactRange, MerkleTreeBuilder } from './merkle-tree-builder';
import { Checkpoint, verifyCheckpoint } from './signed-note';

export interface LogEntry {
  globalPosition: number;
  hash: string;
}

export interface StoredRoot {
  treeSize: number;
  rootHash: Buffer;
}

export interface CheckpointVerifierOptions {
  /** The log's name; defaults to the origin of the first checkpoint. */
  expectedOrigin?: string;
  /** The tree just before the first entry, for a range that does not start at the first event. */
  start?: CompactRange;
  /** Consistency proofs from the tree at the last entry to each checkpoint beyond it, by checkpoint tree size. */
  consistencyProofs?: ReadonlyMap<number, readonly Buffer[]>;
  /** Unsigned roots recorded when sealing, in increasing size: narrow a failure down, prove nothing. */
  storedRoots?: readonly StoredRoot[];
}

export type CheckpointProblemKind =
  | 'invalid-checkpoint'
  | 'inconsistent-checkpoints'
  | 'not-covered'
  | 'root-mismatch'
  | 'missing-events';

/**
 * Leaves after the first `afterTreeSize` up to leaf `throughTreeSize`, 1-based. The
 * positions, where known, name the events at either end as cursors: the last event
 * before the range and the range's last event. Positions do not increase along the log,
 * so the events between them are those between them in log order, not in number.
 */
export interface LeafRange {
  afterTreeSize: number;
  throughTreeSize: number;
  afterPosition: number | null;
  throughPosition: number | null;
}

export interface CheckpointsIntact {
  status: 'intact';
  checkpoints: number;
  treeSize: number;
  /** The largest tree size a signed checkpoint proves; leaves beyond it are not sealed yet. */
  sealedTreeSize: number;
}

export interface CheckpointProblem {
  status: 'broken';
  kind: CheckpointProblemKind;
  /** Index of the offending checkpoint in the list given. */
  checkpointIndex: number;
  /** The `IntegrityError` code when a checkpoint could not be opened, e.g. `note.bad-signature`. */
  code?: string;
  detail: string;
  changedRange?: LeafRange;
  /** From unsigned stored roots: where the change probably is. */
  narrowedRange?: LeafRange;
}

export type CheckpointVerification = CheckpointsIntact | CheckpointProblem;

interface TreeMark {
  treeSize: number;
  position: number | null;
}

export class CheckpointVerifier {
  private readonly tree: MerkleTreeBuilder;
  private readonly checkpoints: Checkpoint[] = [];
  private readonly storedRoots: readonly StoredRoot[];
  private nextCheckpoint = 0;
  private nextStoredRoot = 0;
  private lastPosition: number | null = null;
  private verified: TreeMark;
  private lastMatchingStoredRoot: TreeMark;
  private firstDifferingStoredRoot: TreeMark | null = null;
  private problem: CheckpointProblem | null;

  constructor(
    checkpointNotes: readonly string[],
    verifierKey: string,
    private readonly options: CheckpointVerifierOptions = {},
  ) {
    this.tree = options.start ? MerkleTreeBuilder.fromCompactRange(options.start) : new MerkleTreeBuilder();
    this.storedRoots = options.storedRoots ?? [];
    this.verified = { treeSize: this.tree.size, position: null };
    this.lastMatchingStoredRoot = this.verified;
    this.problem = this.openCheckpoints(checkpointNotes, verifierKey) ?? this.checkCurrentSize();
  }

  add(entry: LogEntry): void {
    this.addLeafHash(eventLeafHash(entry.globalPosition, entry.hash), entry.globalPosition);
  }

  /**
   * The next entry by its leaf hash (`eventLeafHash`), computed by the caller. The tree
   * grows after a problem too, so `compactRange` always covers every entry given.
   */
  addLeafHash(leafHash: Buffer, globalPosition: number): void {
    this.tree.append(leafHash);
    if (this.problem !== null) return;
    this.lastPosition = globalPosition;
    this.problem = this.checkCurrentSize();
  }

  /** The tree over the start and every entry given so far. */
  compactRange(): CompactRange {
    return this.tree.compactRange();
  }

  finish(): CheckpointVerification {
    this.problem ??= this.checkCheckpointsBeyondLastLeaf();
    return (
      this.problem ?? {
        status: 'intact',
        checkpoints: this.checkpoints.length,
        treeSize: this.tree.size,
        sealedTreeSize: this.checkpoints.length === 0 ? 0 : this.verified.treeSize,
      }
    );
  }

  private openCheckpoints(notes: readonly string[], verifierKey: string): CheckpointProblem | null {
    for (const [index, note] of notes.entries()) {
      try {
        this.checkpoints.push(verifyCheckpoint(note, verifierKey));
      } catch (error) {
        if (!(error instanceof IntegrityError)) throw error;
        const detail = `Checkpoint ${index}: ${error.message}`;
        return { status: 'broken', kind: 'invalid-checkpoint', checkpointIndex: index, code: error.code, detail };
      }
      const inconsistency = this.inconsistencyOf(index);
      if (inconsistency !== null) {
        return { status: 'broken', kind: 'inconsistent-checkpoints', checkpointIndex: index, detail: inconsistency };
      }
    }
    return null;
  }

  private inconsistencyOf(index: number): string | null {
    const checkpoint = this.checkpoints[index]!;
    const origin = this.options.expectedOrigin ?? this.checkpoints[0]!.origin;
    if (checkpoint.origin !== origin) return `Checkpoint ${index} is for log "${checkpoint.origin}", not "${origin}".`;
    const previous = this.checkpoints[index - 1];
    if (previous === undefined) return null;
    if (checkpoint.treeSize < previous.treeSize) {
      return (
        `Checkpoint ${index} (size ${checkpoint.treeSize}) comes after checkpoint ${index - 1} (size ${previous.treeSize}): ` +
        'checkpoints must be given in the order they were signed.'
      );
    }
    if (checkpoint.treeSize === previous.treeSize && !checkpoint.rootHash.equals(previous.rootHash)) {
      return (
        `Checkpoints ${index - 1} and ${index} sign two different roots for the same size ${checkpoint.treeSize}: ` +
        'the log has shown two different histories.'
      );
    }
    return null;
  }

  /** Compares every checkpoint and stored root whose size the tree has now reached. */
  private checkCurrentSize(): CheckpointProblem | null {
    const size = this.tree.size;
    let root: Buffer | undefined;
    const rootNow = () => (root ??= this.tree.root());
    for (let stored = this.storedRoots[this.nextStoredRoot]; stored !== undefined && stored.treeSize <= size; ) {
      if (stored.treeSize === size) this.noteStoredRoot(stored.rootHash.equals(rootNow()));
      this.nextStoredRoot += 1;
      stored = this.storedRoots[this.nextStoredRoot];
    }
    for (; this.nextCheckpoint < this.checkpoints.length; this.nextCheckpoint += 1) {
      const checkpoint = this.checkpoints[this.nextCheckpoint]!;
      if (checkpoint.treeSize > size) return null;
      if (checkpoint.treeSize < size) return this.notCovered(checkpoint);
      if (!checkpoint.rootHash.equals(rootNow())) return this.rootMismatch(checkpoint);
      this.verified = { treeSize: size, position: this.lastPosition };
      this.lastMatchingStoredRoot = this.verified;
      this.firstDifferingStoredRoot = null;
    }
    return null;
  }

  private noteStoredRoot(matches: boolean): void {
    const mark = { treeSize: this.tree.size, position: this.lastPosition };
    if (this.firstDifferingStoredRoot !== null) return;
    if (matches) this.lastMatchingStoredRoot = mark;
    else this.firstDifferingStoredRoot = mark;
  }

  private checkCheckpointsBeyondLastLeaf(): CheckpointProblem | null {
    const size = this.tree.size;
    const pending = this.checkpoints.slice(this.nextCheckpoint);
    for (const [offset, checkpoint] of pending.entries()) {
      const index = this.nextCheckpoint + offset;
      const proof = this.options.consistencyProofs?.get(checkpoint.treeSize);
      if (proof === undefined) {
        return {
          status: 'broken',
          kind: 'missing-events',
          checkpointIndex: index,
          detail:
            `Checkpoint ${index} seals ${checkpoint.treeSize} events, but the log ends after ${size}: ` +
            `${checkpoint.treeSize - size} sealed events are missing.`,
        };
      }
      if (!verifyConsistency(size, checkpoint.treeSize, this.tree.root(), checkpoint.rootHash, proof)) {
        return {
          status: 'broken',
          kind: 'root-mismatch',
          checkpointIndex: index,
          detail:
            `The ${size} leaves verified are not a prefix of checkpoint ${index} (size ${checkpoint.treeSize}): ` +
            'the events differ from those sealed, or the consistency proof is wrong.',
          changedRange: this.rangeSinceVerified(size, this.lastPosition),
        };
      }
      this.verified = { treeSize: size, position: this.lastPosition };
    }
    return null;
  }

  private notCovered(checkpoint: Checkpoint): CheckpointProblem {
    return {
      status: 'broken',
      kind: 'not-covered',
      checkpointIndex: this.nextCheckpoint,
      detail:
        `Checkpoint ${this.nextCheckpoint} (size ${checkpoint.treeSize}) lies before the start of the verified range ` +
        `(tree size ${this.tree.size}); it cannot be checked here.`,
    };
  }

  private rootMismatch(checkpoint: Checkpoint): CheckpointProblem {
    const changedRange = this.rangeSinceVerified(checkpoint.treeSize, this.lastPosition);
    const narrowedRange = this.narrowedRange();
    const hint = narrowedRange
      ? ` Unsigned roots stored by the ledger point to leaves ${describeRange(narrowedRange)}; being unsigned, that is a hint, not proof.`
      : '';
    return {
      status: 'broken',
      kind: 'root-mismatch',
      checkpointIndex: this.nextCheckpoint,
      detail:
        `The log no longer matches checkpoint ${this.nextCheckpoint} (size ${checkpoint.treeSize}): ` +
        `leaves ${describeRange(changedRange)} were changed, removed, inserted or reordered after it was signed.${hint}`,
      changedRange,
      ...(narrowedRange && { narrowedRange }),
    };
  }

  private narrowedRange(): LeafRange | undefined {
    const from = this.lastMatchingStoredRoot;
    const to = this.firstDifferingStoredRoot;
    if (from === this.verified && to === null) return undefined;
    const through = to ?? { treeSize: this.tree.size, position: this.lastPosition };
    return { afterTreeSize: from.treeSize, throughTreeSize: through.treeSize, afterPosition: from.position, throughPosition: through.position };
  }

  private rangeSinceVerified(throughTreeSize: number, throughPosition: number | null): LeafRange {
    const { treeSize: afterTreeSize, position: afterPosition } = this.verified;
    return { afterTreeSize, throughTreeSize, afterPosition, throughPosition };
  }
}

/** Checks `entries` (every event, in log order) against signed checkpoints. */
export function verifyLogAgainstCheckpoints(
  entries: Iterable<LogEntry>,
  checkpoints: readonly string[],
  verifierKey: string,
  options?: CheckpointVerifierOptions,
): CheckpointVerification {
  const verifier = new CheckpointVerifier(checkpoints, verifierKey, options);
  for (const entry of entries) verifier.add(entry);
  return verifier.finish();
}

function describeRange(range: LeafRange): string {
  const leaves = `${range.afterTreeSize + 1} to ${range.throughTreeSize}`;
  if (range.throughPosition === null) return leaves;
  const from = range.afterPosition === null ? 'from the start of the range' : `after the event at global position ${range.afterPosition}`;
  return `${leaves} (in log order, ${from} through the one at ${range.throughPosition})`;
}
