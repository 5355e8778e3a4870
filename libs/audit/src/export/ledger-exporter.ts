/**
 * Exports a range of the log as an offline-verifiable bundle (format in
 * libs/integrity/src/export-bundle.ts): the events as NDJSON lines in the log's commit
 * order, then a manifest with what only the ledger knows: each stream's chain head
 * before the range, the Merkle tree's compact range at its start, the signed
 * checkpoints inside it and, for the first checkpoint beyond it, a consistency proof
 * from the tree at its last event, so even a range cut at any time is sealed to its end.
 *
 * Costs beyond streaming the range: the tree at the start reads the positions and
 * hashes of every earlier event, and the consistency proof those up to the checkpoint
 * after the range (two narrow columns; see ledger-proofs.ts).
 *
 * An export can be interrupted (`signal`): it stops before the next event and the
 * manifest seals what was written, so the bundle verifies by itself; `remainderOf` names
 * the range of what is left, to export as a second bundle that begins where this ends.
 *
 * Positions need not increase from line to line: where two appends committed in the
 * other order than they took their positions, the lines keep the commit order, which is
 * the order of the leaves, and the manifest names the range by its first and last
 * event (positions as cursors, and leaf indexes).
 */
import type { EventEnvelope } from '@ledger/contracts';
import {
  consistencyProof,
  eventLeafHash,
  ExportBundleWriter,
  MerkleTreeBuilder,
  type CompactRange,
  type ExportManifest,
  type ExportSeals,
} from '@ledger/integrity';
import type { DataSource } from 'typeorm';
import type { CommittedLog } from '../log/committed-log';
import type { LedgerProofs } from '../proofs/ledger-proofs';
import type { CheckpointStore } from '../sealing/checkpoint-store';
import type { RangeRequest, ResolvedRange } from './log-range';

export interface LedgerIdentity {
  origin: string;
  verifierKey: string;
}

export interface ExportProgress {
  eventsWritten: number;
}

/** Receives each NDJSON line; may return a promise to hold the export back (backpressure). */
export type LineSink = (line: string) => void | Promise<void>;

export class LedgerExporter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly log: CommittedLog,
    private readonly checkpoints: CheckpointStore,
    private readonly proofs: LedgerProofs,
    private readonly identity: LedgerIdentity,
  ) {}

  /** Writes the range's lines to `sink`, in commit order, and answers the manifest (of what was written, when `signal` interrupted it). */
  async export(range: ResolvedRange, sink: LineSink, onProgress?: (progress: ExportProgress) => void, signal?: AbortSignal): Promise<ExportManifest> {
    const writer = new ExportBundleWriter({
      ...this.identity,
      startTree: range.startTreeSize > 0 ? await this.treeBefore(range) : undefined,
    });
    const firstVersions = new Map<string, number>();
    const recorded = { earliest: '', latest: '' };
    let eventsWritten = 0;
    if (range.through) {
      scan: for await (const page of this.log.events({ after: range.after, through: range.through })) {
        for (const event of page.items) {
          if (signal?.aborted) break scan;
          await sink(writer.line(event));
          if (!firstVersions.has(event.streamId)) firstVersions.set(event.streamId, event.streamVersion);
          noteRecordedAt(recorded, event);
          eventsWritten += 1;
        }
        onProgress?.({ eventsWritten });
      }
    }
    const seals = await this.sealsFor(range.startTreeSize, range.startTreeSize + eventsWritten);
    const manifest = { ...writer.manifest(seals), streamHeads: await this.streamHeadsBefore(firstVersions) };
    // Cut short, the bundle covers the recorded times it holds, not those asked for.
    const { toTime: _askedEnd, ...cutShort } = range;
    return withTimeRange(manifest, signal?.aborted ? cutShort : range, recorded);
  }

  /**
   * What an interrupted export left out: from the event after its last line through the
   * end of the range it was asked for, by position; null when nothing is left.
   */
  async remainderOf(range: ResolvedRange, manifest: ExportManifest): Promise<RangeRequest | null> {
    if (!range.through) return null;
    const lastWritten = manifest.eventCount === 0 ? range.after : await this.log.cursorOf(manifest.range.toPosition!);
    for await (const page of this.log.leaves({ after: lastWritten ?? range.after, through: range.through, limit: 1 })) {
      return { fromPosition: page.last.position, toPosition: range.through.position };
    }
    return null;
  }

  /** The tree just before the range, from every earlier leaf. */
  private async treeBefore(range: ResolvedRange): Promise<CompactRange> {
    const tree = new MerkleTreeBuilder();
    for await (const page of this.log.leaves({ through: range.after })) {
      for (const entry of page.items) tree.append(eventLeafHash(entry.globalPosition, entry.hash));
    }
    return tree.compactRange();
  }

  /** Checkpoints from the range's start through its end, and the first beyond it with its consistency proof. */
  private async sealsFor(startTreeSize: number, endTreeSize: number): Promise<ExportSeals> {
    const fromStart = await this.checkpoints.list({ afterTreeSize: startTreeSize - 1 });
    const inside = fromStart.filter((checkpoint) => checkpoint.treeSize <= endTreeSize);
    const beyond = endTreeSize > 0 ? fromStart.find((checkpoint) => checkpoint.treeSize > endTreeSize) : undefined;
    if (!beyond) return { checkpoints: inside.map((checkpoint) => checkpoint.signedNote) };
    const proof = consistencyProof(await this.proofs.firstLeaves(beyond.treeSize), endTreeSize);
    return {
      checkpoints: [...inside, beyond].map((checkpoint) => checkpoint.signedNote),
      consistencyProofs: new Map([[beyond.treeSize, proof]]),
    };
  }

  /** For each stream whose first exported event is not its first: version and hash of the event before. */
  private async streamHeadsBefore(firstVersions: ReadonlyMap<string, number>): Promise<ExportManifest['streamHeads']> {
    const continuing = [...firstVersions].filter(([, version]) => version > 1);
    if (continuing.length === 0) return {};
    const rows: { stream_id: string; stream_version: number; hash: string }[] = await this.dataSource.query(
      `SELECT e.stream_id, e.stream_version, e.hash FROM ledger.events e
       JOIN unnest($1::text[], $2::int[]) AS wanted(stream_id, stream_version) USING (stream_id, stream_version)`,
      [continuing.map(([streamId]) => streamId), continuing.map(([, version]) => version - 1)],
    );
    return Object.fromEntries(rows.map((row) => [row.stream_id, { version: row.stream_version, hash: row.hash }]));
  }
}

function noteRecordedAt(recorded: { earliest: string; latest: string }, event: EventEnvelope): void {
  if (recorded.earliest === '' || event.recordedAt < recorded.earliest) recorded.earliest = event.recordedAt;
  if (event.recordedAt > recorded.latest) recorded.latest = event.recordedAt;
}

/** A range by time states the ledger times it covers: those asked for, widened to any straggler included. */
function withTimeRange(manifest: ExportManifest, range: ResolvedRange, recorded: { earliest: string; latest: string }): ExportManifest {
  if (range.fromTime === undefined && range.toTime === undefined) return manifest;
  const earliest = [range.fromTime && new Date(range.fromTime).toISOString(), recorded.earliest].filter(Boolean).sort()[0];
  const latest = [range.toTime && new Date(range.toTime).toISOString(), recorded.latest].filter(Boolean).sort().at(-1);
  return { ...manifest, range: { ...manifest.range, ...(earliest && { fromRecordedAt: earliest }), ...(latest && { toRecordedAt: latest }) } };
}
