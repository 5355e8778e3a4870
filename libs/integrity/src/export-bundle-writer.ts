/**
 * Writes an export bundle (format in export-bundle.ts) while the exporter streams
 * events out of the ledger in log order: it turns each envelope into its NDJSON line,
 * hashes the file as it goes, and at the end writes the manifest, whose range names the
 * first and last event written (positions as cursors, and leaf indexes counted from the
 * tree before the export). Positions need not increase from line to line: the log's
 * order is commit order, not position order (event-leaf.ts). It holds no event, so an
 * export of any size runs in constant memory. The exporter supplies what only the
 * ledger knows: the stream heads and Merkle tree before the range, and the checkpoints
 * (with consistency proofs for those beyond the range) that seal it.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { Hash, createHash } from 'node:crypto';
import type { StreamHead } from './chain-verification';
import { EXPORT_FORMAT, ExportManifest, ExportRange } from './export-manifest';
import type { CompactRange } from './merkle-tree-builder';

export interface ExportBundleWriterOptions {
  origin: string;
  verifierKey: string;
  /** For streams that began before the range, their last event before it. */
  streamHeads?: ReadonlyMap<string, StreamHead>;
  /** The log's tree just before the first exported event; omit when the export starts the log. */
  startTree?: CompactRange;
}

export interface ExportSeals {
  /** Signed checkpoints whose tree size lies from the range start on, in signing order. */
  checkpoints: readonly string[];
  /** By checkpoint tree size, for checkpoints beyond the last exported event. */
  consistencyProofs?: ReadonlyMap<number, readonly Buffer[]>;
}

export class ExportBundleWriter {
  private readonly fileHash: Hash = createHash('sha256');
  private eventCount = 0;
  private firstPosition: number | null = null;
  private lastPosition: number | null = null;

  constructor(private readonly options: ExportBundleWriterOptions) {}

  /** The NDJSON line of `envelope`, ending in LF; envelopes come in log order, one per leaf. */
  line(envelope: EventEnvelope): string {
    const line = `${JSON.stringify(envelope)}\n`;
    this.fileHash.update(line);
    this.eventCount += 1;
    this.firstPosition ??= envelope.globalPosition;
    this.lastPosition = envelope.globalPosition;
    return line;
  }

  /** The manifest, once every line is written. */
  manifest(seals: ExportSeals): ExportManifest {
    const { origin, verifierKey, streamHeads = new Map(), startTree } = this.options;
    const manifest: ExportManifest = {
      format: EXPORT_FORMAT,
      origin,
      range: this.exportedSlice(startTree?.size ?? 0),
      eventCount: this.eventCount,
      sha256: this.fileHash.copy().digest('hex'),
      streamHeads: Object.fromEntries(streamHeads),
      checkpoints: [...seals.checkpoints],
      verifierKey,
    };
    if (startTree !== undefined) {
      manifest.leafRange = { startTreeSize: startTree.size, startSubtreeRoots: startTree.subtreeRoots.map((root) => root.toString('hex')) };
    }
    if (seals.consistencyProofs !== undefined && seals.consistencyProofs.size > 0) {
      manifest.consistencyProofs = Object.fromEntries(
        [...seals.consistencyProofs].map(([size, proof]) => [String(size), proof.map((hash) => hash.toString('hex'))]),
      );
    }
    return manifest;
  }

  /** The first and last event written; nothing for an empty export. */
  private exportedSlice(startTreeSize: number): ExportRange {
    if (this.firstPosition === null || this.lastPosition === null) return {};
    return {
      fromPosition: this.firstPosition,
      toPosition: this.lastPosition,
      fromLeafIndex: startTreeSize,
      toLeafIndex: startTreeSize + this.eventCount - 1,
    };
  }
}
