/**
 * Offline verification of an audit export: proof, on the auditor's own machine, that a
 * slice of the ledger is complete and unchanged, trusting nothing but the ledger's
 * public checkpoint key.
 *
 * An export bundle is two files:
 * - `events.ndjson`: one `EventEnvelope` as JSON per line, in log order (the ledger's
 *   commit order: line n is leaf `fromLeafIndex + n - 1` of the log), UTF-8, every line
 *   ending in one LF (no CR). Its SHA-256 is the manifest's `sha256`.
 * - `manifest.json`: an `ExportManifest` (export-manifest.ts).
 *
 * The slice. Global positions are unique but do not increase along the log (see
 * event-leaf.ts), so the manifest's `range` does not bound positions: it names the
 * slice's first and last event, by position (a cursor) and leaf index. The verifier
 * checks that the first line is the event at `fromPosition` and the file ends with the
 * one at `toPosition` (export-range-check.ts), that no two lines share a position (the
 * chain check), and that the leaf indexes run on without a gap from the tree the export
 * starts at, one per line (the manifest check and the event count).
 *
 * Resuming mid-log. Checkpoint roots cover the whole log from its first event, yet an
 * export may start anywhere. The manifest therefore carries `leafRange`: the log's
 * Merkle tree just before the first exported event as a compact range (its size and
 * the roots of its perfect subtrees, left to right: one hash per set bit of the size,
 * so at most 53). The verifier resumes the tree from it, appends the exported leaves
 * and compares the roots of every checkpoint inside the range. The compact range needs
 * no trust: a wrong one yields roots that match no signed checkpoint. Likewise
 * `streamHeads` give each stream's chain head before the range, so chains verify from
 * the first exported event; a wrong head breaks the chain or the roots. A checkpoint
 * beyond the range is checked through `consistencyProofs`, proving the exported tree
 * a prefix of it, so an export cut at any time (`fromRecordedAt`/`toRecordedAt`) is
 * sealed to its last event.
 *
 * Checks run in this order, and the first failure is the answer: the manifest's shape
 * and self-consistency, the pinned key, each line (JSON, envelope shape, inside the
 * declared slice and times), the checkpoints themselves (signature, consistency), the
 * stream chains and unique positions (most precise: names the event), the checkpoint
 * roots (names the leaf range), the file's end at the slice's last event, the event
 * count, and last the file hash (catches a change no other check sees, such as
 * reformatting).
 */
import type { EventEnvelope } from '@ledger/contracts';
import { createHash } from 'node:crypto';
import { ChainBreak, ChainVerifier } from './chain-verification';
import { CheckpointProblem, CheckpointVerifier, CheckpointsIntact } from './checkpoint-verification';
import { parseEnvelopeLine } from './envelope-line';
import { ExportManifest, manifestProblem } from './export-manifest';
import { ExportRangeCheck } from './export-range-check';
import { IntegrityError } from './integrity-error';

export type ExportProblemKind =
  | 'malformed-manifest'
  | 'untrusted-key'
  | 'malformed-line'
  | 'out-of-range'
  | 'checkpoint-failed'
  | 'chain-broken'
  | 'count-mismatch'
  | 'file-hash-mismatch';

export interface ExportIntact {
  status: 'intact';
  events: number;
  streams: number;
  checkpoints: number;
  /** Exported events proven by a signed checkpoint; the rest are not sealed yet. */
  sealedEvents: number;
}

export interface ExportProblem {
  status: 'broken';
  kind: ExportProblemKind;
  detail: string;
  /** 1-based line of the NDJSON file, for line problems. */
  line?: number;
  chainBreak?: ChainBreak;
  checkpointProblem?: CheckpointProblem;
}

export type ExportVerification = ExportIntact | ExportProblem;

const CHECKPOINT_SEAL_PROBLEMS = new Set(['invalid-checkpoint', 'inconsistent-checkpoints', 'not-covered']);

/**
 * Verifies an export from its lines (without their LF, e.g. from `readline`) and
 * manifest. Pass the ledger's key as `trustedVerifierKey`: without it the bundle is
 * only checked against the key it carries, which proves consistency, not origin.
 */
export async function verifyExportBundle(
  ndjsonLines: AsyncIterable<string> | Iterable<string>,
  manifest: ExportManifest,
  trustedVerifierKey?: string,
): Promise<ExportVerification> {
  const shapeProblem = manifestProblem(manifest);
  if (shapeProblem !== null) return broken('malformed-manifest', `The export manifest is malformed: ${shapeProblem}.`);
  if (trustedVerifierKey !== undefined && manifest.verifierKey !== trustedVerifierKey) {
    return broken('untrusted-key', `The export was sealed with key ${manifest.verifierKey}, not the trusted key ${trustedVerifierKey}.`);
  }
  let verifiers: BundleVerifiers;
  try {
    verifiers = startVerifiers(manifest);
  } catch (error) {
    if (error instanceof IntegrityError) return broken('malformed-manifest', `The export manifest is malformed: ${error.message}`);
    throw error;
  }
  const reading = await readLines(ndjsonLines, manifest, verifiers);
  return reading.problem ?? conclude(manifest, verifiers, reading);
}

interface BundleVerifiers {
  range: ExportRangeCheck;
  chains: ChainVerifier;
  checkpoints: CheckpointVerifier;
  startTreeSize: number;
}

type Reading = { problem: ExportProblem } | { problem: null; events: number; sha256: string };

function startVerifiers(manifest: ExportManifest): BundleVerifiers {
  const startTreeSize = manifest.leafRange?.startTreeSize ?? 0;
  const start = manifest.leafRange && {
    size: manifest.leafRange.startTreeSize,
    subtreeRoots: manifest.leafRange.startSubtreeRoots.map((root) => Buffer.from(root, 'hex')),
  };
  const consistencyProofs = new Map(
    Object.entries(manifest.consistencyProofs ?? {}).map(([size, proof]) => [Number(size), proof.map((hash) => Buffer.from(hash, 'hex'))]),
  );
  const checkpointOptions = { expectedOrigin: manifest.origin, start, consistencyProofs };
  return {
    range: new ExportRangeCheck(manifest.range),
    chains: new ChainVerifier({ knownHeads: new Map(Object.entries(manifest.streamHeads)), firstLeafIndex: startTreeSize }),
    checkpoints: new CheckpointVerifier(manifest.checkpoints, manifest.verifierKey, checkpointOptions),
    startTreeSize,
  };
}

async function readLines(
  lines: AsyncIterable<string> | Iterable<string>,
  manifest: ExportManifest,
  verifiers: BundleVerifiers,
): Promise<Reading> {
  const fileHash = createHash('sha256');
  let lineNumber = 0;
  let firstBlankLine: number | null = null;
  let events = 0;
  for await (const line of lines) {
    lineNumber += 1;
    // A file split on LF ends in an empty string that is no line of it; a blank line elsewhere is an error.
    if (line === '') {
      firstBlankLine ??= lineNumber;
      continue;
    }
    if (firstBlankLine !== null) {
      return { problem: broken('malformed-line', `Line ${firstBlankLine} of the export is empty.`, firstBlankLine) };
    }
    fileHash.update(`${line}\n`);
    const problem = checkLine(line, lineNumber, verifiers);
    if (problem !== null) return { problem };
    events += 1;
  }
  return { problem: null, events, sha256: fileHash.digest('hex') };
}

function checkLine(line: string, lineNumber: number, verifiers: BundleVerifiers): ExportProblem | null {
  let envelope: EventEnvelope;
  try {
    envelope = parseEnvelopeLine(line, lineNumber);
  } catch (error) {
    if (error instanceof IntegrityError) return broken('malformed-line', error.message, lineNumber);
    throw error;
  }
  const outOfRange = verifiers.range.check(envelope, lineNumber);
  if (outOfRange !== null) return broken('out-of-range', `Line ${lineNumber}: ${outOfRange}`, lineNumber);
  verifiers.chains.add(envelope);
  verifiers.checkpoints.add(envelope);
  return null;
}

function conclude(manifest: ExportManifest, verifiers: BundleVerifiers, reading: { events: number; sha256: string }): ExportVerification {
  const seals = verifiers.checkpoints.finish();
  if (seals.status === 'broken' && CHECKPOINT_SEAL_PROBLEMS.has(seals.kind)) return checkpointFailure(seals);
  const chains = verifiers.chains.finish();
  if (chains.status === 'broken') {
    return { status: 'broken', kind: 'chain-broken', detail: chains.detail, chainBreak: chains };
  }
  if (seals.status === 'broken') return checkpointFailure(seals);
  const unfinished = verifiers.range.finish();
  if (unfinished !== null) return broken('out-of-range', unfinished.detail, unfinished.line);
  if (reading.events !== manifest.eventCount) {
    return broken('count-mismatch', `The export holds ${reading.events} events; its manifest declares ${manifest.eventCount}.`);
  }
  if (reading.sha256 !== manifest.sha256) {
    return broken(
      'file-hash-mismatch',
      `The export file hashes to ${reading.sha256}, not the ${manifest.sha256} its manifest declares: the file was changed after export.`,
    );
  }
  return intact(reading.events, chains.streams, seals, verifiers.startTreeSize);
}

function intact(events: number, streams: number, seals: CheckpointsIntact, startTreeSize: number): ExportIntact {
  const sealedEvents = Math.max(0, seals.sealedTreeSize - startTreeSize);
  return { status: 'intact', events, streams, checkpoints: seals.checkpoints, sealedEvents };
}

function checkpointFailure(problem: CheckpointProblem): ExportProblem {
  return { status: 'broken', kind: 'checkpoint-failed', detail: problem.detail, checkpointProblem: problem };
}

function broken(kind: ExportProblemKind, detail: string, line?: number): ExportProblem {
  return { status: 'broken', kind, detail, ...(line !== undefined && { line }) };
}
