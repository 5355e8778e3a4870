/**
 * The manifest that travels beside an export's NDJSON file (format described in
 * export-bundle.ts), and the check that a manifest read from disk has that shape, and
 * agrees with itself, before any of it is trusted with a computation.
 *
 * Format 2 names the exported slice by its first and last event in log order (their
 * global positions and leaf indexes). Format 1 gave a range of positions, which only
 * made sense while positions were taken to increase along the log; they do not (see
 * event-leaf.ts), so a format-1 manifest is refused rather than read differently.
 */
import type { StreamHead } from './chain-verification';

export const EXPORT_FORMAT = 'alignment-ledger-export/2';

/**
 * The exported slice of the log: its first and last event in log order, and the ledger
 * times it covers when it was asked for by time. The four event fields are absent
 * exactly when the export is empty.
 */
export interface ExportRange {
  /** Global position of the first line's event: a cursor naming it, not a lower bound. */
  fromPosition?: number;
  /** Global position of the last line's event: a cursor naming it, not an upper bound. */
  toPosition?: number;
  /** Leaf index of the first line's event: the log's tree size before the export. */
  fromLeafIndex?: number;
  /** Leaf index of the last line's event: `fromLeafIndex + eventCount - 1`, one leaf per line. */
  toLeafIndex?: number;
  fromRecordedAt?: string;
  toRecordedAt?: string;
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  /** The log's name: the origin line of its checkpoints. */
  origin: string;
  range: ExportRange;
  eventCount: number;
  /** SHA-256 (hex) of the NDJSON file: every line followed by one LF. */
  sha256: string;
  /** For streams that began before the range: version and hash of their last event before it. */
  streamHeads: Record<string, StreamHead>;
  /** Signed checkpoint notes, in signing order, for tree sizes from the range start on. */
  checkpoints: string[];
  /** The log's Merkle tree just before the first exported event; absent when the export starts the log. */
  leafRange?: { startTreeSize: number; startSubtreeRoots: string[] };
  /** By checkpoint tree size: hex hashes proving the exported tree a prefix of a checkpoint beyond the range. */
  consistencyProofs?: Record<string, string[]>;
  /** The key that signed the checkpoints. An auditor should pin it rather than trust this copy. */
  verifierKey: string;
}

const HEX_HASH = /^[0-9a-f]{64}$/;
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

/** A sentence saying what is wrong with `manifest`, or `null` when it has the manifest's shape and agrees with itself. */
export function manifestProblem(manifest: unknown): string | null {
  if (!isRecord(manifest)) return 'the manifest is not a JSON object';
  if (manifest.format !== EXPORT_FORMAT) return `its format is not "${EXPORT_FORMAT}"`;
  if (typeof manifest.origin !== 'string' || manifest.origin === '') return 'its origin is not a non-empty string';
  if (typeof manifest.verifierKey !== 'string') return 'its verifierKey is not a string';
  if (!isCount(manifest.eventCount)) return 'its eventCount is not a whole number';
  if (typeof manifest.sha256 !== 'string' || !HEX_HASH.test(manifest.sha256)) return 'its sha256 is not 64 lowercase hex digits';
  if (!Array.isArray(manifest.checkpoints) || !manifest.checkpoints.every((c) => typeof c === 'string')) {
    return 'its checkpoints are not a list of signed notes';
  }
  return (
    streamHeadsProblem(manifest.streamHeads) ??
    leafRangeProblem(manifest.leafRange) ??
    rangeProblem(manifest.range, manifest.eventCount, startTreeSizeOf(manifest.leafRange)) ??
    proofsProblem(manifest.consistencyProofs)
  );
}

const SLICE_ENDS = ['fromPosition', 'toPosition', 'fromLeafIndex', 'toLeafIndex'] as const;

function rangeProblem(range: unknown, eventCount: number, startTreeSize: number): string | null {
  if (!isRecord(range)) return 'its range is not an object';
  return sliceEndsProblem(range, eventCount, startTreeSize) ?? recordedTimesProblem(range);
}

/** The range names the first and last exported event; their leaves run on, one per event, from the tree the export starts at. */
function sliceEndsProblem(range: Record<string, unknown>, eventCount: number, startTreeSize: number): string | null {
  if (eventCount === 0) {
    return SLICE_ENDS.some((field) => range[field] !== undefined) ? 'its range names a first or last event, yet it exports none' : null;
  }
  if (!SLICE_ENDS.every((field) => isCount(range[field]))) {
    return 'its range does not name its first and last event by whole-number positions and leaf indexes';
  }
  if (range.fromLeafIndex !== startTreeSize) {
    return `its range starts at leaf ${range.fromLeafIndex}, not at leaf ${startTreeSize}, the first after its leafRange`;
  }
  const lastLeaf = startTreeSize + eventCount - 1;
  if (range.toLeafIndex !== lastLeaf) {
    return `its range ends at leaf ${range.toLeafIndex}, not at leaf ${lastLeaf}: its ${eventCount} events are not contiguous leaves`;
  }
  return null;
}

function recordedTimesProblem(range: Record<string, unknown>): string | null {
  for (const bound of ['fromRecordedAt', 'toRecordedAt'] as const) {
    const value = range[bound];
    if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value)))) {
      return `its range.${bound} is not an ISO 8601 time`;
    }
  }
  return null;
}

function streamHeadsProblem(heads: unknown): string | null {
  if (!isRecord(heads)) return 'its streamHeads is not an object';
  const wrong = Object.entries(heads).find(([, head]) => !isRecord(head) || !isCount(head.version) || !isHexHash(head.hash));
  return wrong ? `its stream head of ${wrong[0]} is not { version, hash }` : null;
}

function leafRangeProblem(leafRange: unknown): string | null {
  if (leafRange === undefined) return null;
  if (!isRecord(leafRange) || !isCount(leafRange.startTreeSize) || !isHexHashList(leafRange.startSubtreeRoots)) {
    return 'its leafRange is not { startTreeSize, startSubtreeRoots: hex hashes }';
  }
  return null;
}

/** Called once `leafRange` passed its check: absent means the export starts the log. */
function startTreeSizeOf(leafRange: unknown): number {
  return isRecord(leafRange) && isCount(leafRange.startTreeSize) ? leafRange.startTreeSize : 0;
}

function proofsProblem(proofs: unknown): string | null {
  if (proofs === undefined) return null;
  if (!isRecord(proofs) || !Object.entries(proofs).every(([size, proof]) => DECIMAL.test(size) && isHexHashList(proof))) {
    return 'its consistencyProofs do not map tree sizes to lists of hex hashes';
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isHexHash(value: unknown): boolean {
  return typeof value === 'string' && HEX_HASH.test(value);
}

function isHexHashList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isHexHash);
}
