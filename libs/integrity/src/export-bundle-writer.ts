/**
 * Writes an export bundle (format in export-bundle.ts) while the exporter streams
 * events out of the ledger: it turns each envelope into its NDJSON line, hashes the
 * file as it goes, and at the end writes the manifest. It holds no event, so an export
 * of any size runs in constant memory. The exporter supplies what only the ledger
 * knows: the stream heads and Merkle tree before the range, and the checkpoints (with
 * consistency proofs for those beyond the range) that seal it.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { Hash, createHash } from 'node:crypto';
import type { StreamHead } from './chain-verification';
import { EXPORT_FORMAT, ExportManifest } from './export-manifest';
import { IntegrityError } from './integrity-error';
import type { CompactRange } from './merkle-tree-builder';

export interface ExportBundleWriterOptions {
  origin: string;
  verifierKey: string;
  /** The range asked for; positions default to those of the first and last exported events. */
  range?: Partial<ExportManifest['range']>;
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

  /** The NDJSON line of `envelope`, ending in LF; envelopes must come in global-position order. */
  line(envelope: EventEnvelope): string {
    if (this.lastPosition !== null && envelope.globalPosition <= this.lastPosition) {
      throw new IntegrityError(
        'export.out-of-order',
        `Event ${envelope.eventId} at global position ${envelope.globalPosition} comes after position ` +
          `${this.lastPosition}; exports are in global order.`,
        'globalPosition',
      );
    }
    const line = `${JSON.stringify(envelope)}\n`;
    this.fileHash.update(line);
    this.eventCount += 1;
    this.firstPosition ??= envelope.globalPosition;
    this.lastPosition = envelope.globalPosition;
    return line;
  }

  /** The manifest, once every line is written. */
  manifest(seals: ExportSeals): ExportManifest {
    const { origin, verifierKey, range = {}, streamHeads = new Map(), startTree } = this.options;
    const fromPosition = range.fromPosition ?? this.firstPosition ?? 0;
    const manifest: ExportManifest = {
      format: EXPORT_FORMAT,
      origin,
      range: { ...range, fromPosition, toPosition: range.toPosition ?? this.lastPosition ?? fromPosition },
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
}
