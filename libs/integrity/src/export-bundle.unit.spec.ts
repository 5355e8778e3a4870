import type { EventEnvelope } from '@ledger/contracts';
import { StreamHead } from './chain-verification';
import { eventLeafHash } from './event-leaf';
import { verifyExportBundle } from './export-bundle';
import { ExportBundleWriter } from './export-bundle-writer';
import { ExportManifest } from './export-manifest';
import { consistencyProof, merkleRoot } from './merkle';
import { MerkleTreeBuilder } from './merkle-tree-builder';
import { generateSigningKey } from './note-keys';
import { signCheckpoint } from './signed-note';
import { interleavedHistory, rehashStream } from './testing/history';

const ORIGIN = 'alignment-ledger.example/log';
const keys = generateSigningKey(ORIGIN);
const history = interleavedHistory(120, 5);
const leaves = history.map((event) => eventLeafHash(event.globalPosition, event.hash));
const seal = (treeSize: number) => signCheckpoint({ origin: ORIGIN, treeSize, rootHash: merkleRoot(leaves.slice(0, treeSize)) }, keys.signerKey);

interface Bundle {
  lines: string[];
  manifest: ExportManifest;
}

/** Exports events [from, to) of `events`, sealed by checkpoints of the untouched history. */
function exportRange(events: readonly EventEnvelope[], from: number, to: number, sealSizes: number[], proveUpTo?: number): Bundle {
  const streamHeads = new Map<string, StreamHead>();
  const startTree = new MerkleTreeBuilder();
  for (const [i, event] of events.slice(0, from).entries()) {
    streamHeads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
    startTree.append(leaves[i]!);
  }
  const writer = new ExportBundleWriter({ origin: ORIGIN, verifierKey: keys.verifierKey, streamHeads, ...(from > 0 && { startTree: startTree.compactRange() }) });
  const lines = events.slice(from, to).map((event) => writer.line(event).slice(0, -1));
  const consistencyProofs = proveUpTo === undefined ? undefined : new Map([[proveUpTo, consistencyProof(leaves.slice(0, proveUpTo), to)]]);
  return { lines, manifest: writer.manifest({ checkpoints: sealSizes.map(seal), consistencyProofs }) };
}

const fullExport = exportRange(history, 0, 120, [40, 80, 120]);

function withLine(bundle: Bundle, index: number, line: string): string[] {
  return bundle.lines.map((original, i) => (i === index ? line : original));
}

describe('export bundle verification', () => {
  it('finds a complete export intact and sealed', async () => {
    expect(await verifyExportBundle(fullExport.lines, fullExport.manifest, keys.verifierKey)).toEqual({
      status: 'intact',
      events: 120,
      streams: 5,
      checkpoints: 3,
      sealedEvents: 120,
    });
  });

  it('reads the file as an async stream of lines or as its text split on LF', async () => {
    const fileText = fullExport.lines.map((line) => `${line}\n`).join('');
    async function* streamed() {
      yield* fullExport.lines;
    }
    expect((await verifyExportBundle(streamed(), fullExport.manifest, keys.verifierKey)).status).toBe('intact');
    expect((await verifyExportBundle(fileText.split('\n'), fullExport.manifest, keys.verifierKey)).status).toBe('intact');
  });

  it('verifies a range from the middle of the log from its stream heads and compact range', async () => {
    const bundle = exportRange(history, 50, 100, [80]);
    expect(await verifyExportBundle(bundle.lines, bundle.manifest, keys.verifierKey)).toMatchObject({ status: 'intact', events: 50, sealedEvents: 30 });
  });

  it('seals a range to its last event through a consistency proof to a later checkpoint', async () => {
    const bundle = exportRange(history, 50, 100, [80, 120], 120);
    expect(await verifyExportBundle(bundle.lines, bundle.manifest, keys.verifierKey)).toMatchObject({ status: 'intact', sealedEvents: 50 });
  });

  it('names the edited event when a line was changed', async () => {
    const edited = JSON.parse(fullExport.lines[33]!) as EventEnvelope;
    const lines = withLine(fullExport, 33, JSON.stringify({ ...edited, actor: 'mallory' }));
    const result = await verifyExportBundle(lines, fullExport.manifest, keys.verifierKey);
    expect(result).toMatchObject({ kind: 'chain-broken', chainBreak: { kind: 'altered', eventId: edited.eventId } });
  });

  it('catches a stream rewritten with a recomputed chain through the checkpoints', async () => {
    const target = history[70]!;
    const rewritten = rehashStream(history.map((e) => (e === target ? ({ ...e, actor: 'mallory' } as EventEnvelope) : e)), target.streamId);
    const lines = rewritten.map((event) => JSON.stringify(event));
    const result = await verifyExportBundle(lines, fullExport.manifest, keys.verifierKey);
    expect(result).toMatchObject({ kind: 'checkpoint-failed', checkpointProblem: { kind: 'root-mismatch', checkpointIndex: 1 } });
  });

  it('catches a file changed in a way no event hash covers, by its file hash', async () => {
    const event = JSON.parse(fullExport.lines[5]!) as EventEnvelope;
    const lines = withLine(fullExport, 5, JSON.stringify(event, null, 1).replace(/\n/g, ''));
    expect(await verifyExportBundle(lines, fullExport.manifest, keys.verifierKey)).toMatchObject({ kind: 'file-hash-mismatch' });
  });

  it('reports an event count that differs from the manifest', async () => {
    const manifest = { ...fullExport.manifest, eventCount: 121 };
    expect(await verifyExportBundle(fullExport.lines, manifest, keys.verifierKey)).toMatchObject({ kind: 'count-mismatch' });
  });

  it('reports sealed events missing from the end of the file', async () => {
    const result = await verifyExportBundle(fullExport.lines.slice(0, 110), fullExport.manifest, keys.verifierKey);
    expect(result).toMatchObject({ kind: 'checkpoint-failed', checkpointProblem: { kind: 'missing-events' } });
  });

  it('reports a checkpoint whose signature does not verify', async () => {
    const checkpoints = [...fullExport.manifest.checkpoints];
    checkpoints[2] = checkpoints[2]!.replace('\n120\n', '\n121\n');
    const result = await verifyExportBundle(fullExport.lines, { ...fullExport.manifest, checkpoints }, keys.verifierKey);
    expect(result).toMatchObject({ kind: 'checkpoint-failed', checkpointProblem: { kind: 'invalid-checkpoint', code: 'note.bad-signature', checkpointIndex: 2 } });
  });

  it('refuses a bundle sealed with a key other than the pinned one', async () => {
    const other = generateSigningKey(ORIGIN);
    expect(await verifyExportBundle(fullExport.lines, fullExport.manifest, other.verifierKey)).toMatchObject({ kind: 'untrusted-key' });
  });

  it('points at a line that is not an event envelope, and at the field', async () => {
    expect(await verifyExportBundle(withLine(fullExport, 9, 'not json'), fullExport.manifest)).toMatchObject({ kind: 'malformed-line', line: 10 });
    const { hash: _dropped, ...withoutHash } = JSON.parse(fullExport.lines[9]!) as EventEnvelope;
    const result = await verifyExportBundle(withLine(fullExport, 9, JSON.stringify(withoutHash)), fullExport.manifest);
    expect(result).toMatchObject({ kind: 'malformed-line', line: 10 });
    expect(result.status === 'broken' && result.detail).toContain('"hash"');
  });

  it('refuses an empty line inside the file', async () => {
    const lines = [...fullExport.lines.slice(0, 3), '', ...fullExport.lines.slice(3)];
    expect(await verifyExportBundle(lines, fullExport.manifest)).toMatchObject({ kind: 'malformed-line', line: 4 });
  });

  it('reports an event outside the declared range', async () => {
    const manifest = { ...fullExport.manifest, range: { ...fullExport.manifest.range, toPosition: history[100]!.globalPosition } };
    expect(await verifyExportBundle(fullExport.lines, manifest)).toMatchObject({ kind: 'out-of-range', line: 102 });
  });

  it('reports a mid-log range exported without its stream heads as a broken chain', async () => {
    const bundle = exportRange(history, 50, 100, [80]);
    const result = await verifyExportBundle(bundle.lines, { ...bundle.manifest, streamHeads: {} }, keys.verifierKey);
    expect(result).toMatchObject({ kind: 'chain-broken' });
  });

  it('catches a forged compact range, because no signed root matches it', async () => {
    const bundle = exportRange(history, 50, 100, [80]);
    const leafRange = { ...bundle.manifest.leafRange!, startSubtreeRoots: bundle.manifest.leafRange!.startSubtreeRoots.map(() => 'ab'.repeat(32)) };
    const result = await verifyExportBundle(bundle.lines, { ...bundle.manifest, leafRange }, keys.verifierKey);
    expect(result).toMatchObject({ kind: 'checkpoint-failed', checkpointProblem: { kind: 'root-mismatch' } });
  });

  it('refuses a malformed manifest before reading any line', async () => {
    const wrongFormat = { ...fullExport.manifest, format: 'something-else/1' } as unknown as ExportManifest;
    expect(await verifyExportBundle(['not read'], wrongFormat)).toMatchObject({ kind: 'malformed-manifest' });
    const bundle = exportRange(history, 50, 100, [80]);
    const shortRange = { ...bundle.manifest, leafRange: { startTreeSize: 50, startSubtreeRoots: [] } };
    expect(await verifyExportBundle(bundle.lines, shortRange)).toMatchObject({ kind: 'malformed-manifest' });
  });

  it('writes events only in global order', () => {
    const writer = new ExportBundleWriter({ origin: ORIGIN, verifierKey: keys.verifierKey });
    writer.line(history[1]!);
    expect(() => writer.line(history[0]!)).toThrow(expect.objectContaining({ code: 'export.out-of-order' }));
  });
});
