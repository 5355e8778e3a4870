/**
 * The manifest that travels beside an export's NDJSON file (format described in
 * export-bundle.ts), and the check that a manifest read from disk has that shape
 * before any of it is trusted with a computation.
 */
import type { StreamHead } from './chain-verification';

export const EXPORT_FORMAT = 'alignment-ledger-export/1';

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  /** The log's name: the origin line of its checkpoints. */
  origin: string;
  range: { fromPosition: number; toPosition: number; fromRecordedAt?: string; toRecordedAt?: string };
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

/** A sentence saying what is wrong with `manifest`, or `null` when it has the manifest's shape. */
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
    rangeProblem(manifest.range) ??
    streamHeadsProblem(manifest.streamHeads) ??
    leafRangeProblem(manifest.leafRange) ??
    proofsProblem(manifest.consistencyProofs)
  );
}

function rangeProblem(range: unknown): string | null {
  if (!isRecord(range) || !isCount(range.fromPosition) || !isCount(range.toPosition) || range.fromPosition > range.toPosition) {
    return 'its range does not have whole-number positions with fromPosition <= toPosition';
  }
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
