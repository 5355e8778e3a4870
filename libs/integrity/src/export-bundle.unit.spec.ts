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
import { committedOutOfPositionOrder, interleavedHistory, positionDrops, rehashStream } from './testing/history';

const ORIGIN = 'alignment-ledger.example/log';
const keys = generateSigningKey(ORIGIN);

interface Bundle {
  lines: string[];
  manifest: ExportManifest;
}

/** A log (its events in log order) with its leaves, checkpoints over them, and exports of it. */
function sealedLog(events: readonly EventEnvelope[]) {
  const leaves = events.map((event) => eventLeafHash(event.globalPosition, event.hash));
  const seal = (treeSize: number) => signCheckpoint({ origin: ORIGIN, treeSize, rootHash: merkleRoot(leaves.slice(0, treeSize)) }, keys.signerKey);

  /** Exports events [from, to), sealed at `sealSizes`, proven a prefix of the checkpoint at `proveUpTo`. */
  function exportRange(from: number, to: number, sealSizes: number[], proveUpTo?: number): Bundle {
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

  return { exportRange };
}

const history = interleavedHistory(120, 5);
const { exportRange } = sealedLog(history);
const fullExport = exportRange(0, 120, [40, 80, 120]);

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
    const bundle = exportRange(50, 100, [80]);
    expect(await verifyExportBundle(bundle.lines, bundle.manifest, keys.verifierKey)).toMatchObject({ status: 'intact', events: 50, sealedEvents: 30 });
  });

  it('seals a range to its last event through a consistency proof to a later checkpoint', async () => {
    const bundle = exportRange(50, 100, [80, 120], 120);
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
    const manifest = { ...fullExport.manifest, eventCount: 121, range: { ...fullExport.manifest.range, toLeafIndex: 120 } };
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
    const bundle = exportRange(50, 100, [80]);
    const result = await verifyExportBundle(bundle.lines, { ...bundle.manifest, streamHeads: {} }, keys.verifierKey);
    expect(result).toMatchObject({ kind: 'chain-broken' });
  });

  it('catches a forged compact range, because no signed root matches it', async () => {
    const bundle = exportRange(50, 100, [80]);
    const leafRange = { ...bundle.manifest.leafRange!, startSubtreeRoots: bundle.manifest.leafRange!.startSubtreeRoots.map(() => 'ab'.repeat(32)) };
    const result = await verifyExportBundle(bundle.lines, { ...bundle.manifest, leafRange }, keys.verifierKey);
    expect(result).toMatchObject({ kind: 'checkpoint-failed', checkpointProblem: { kind: 'root-mismatch' } });
  });

  it('refuses a malformed manifest before reading any line', async () => {
    const wrongFormat = { ...fullExport.manifest, format: 'something-else/1' } as unknown as ExportManifest;
    expect(await verifyExportBundle(['not read'], wrongFormat)).toMatchObject({ kind: 'malformed-manifest' });
    const bundle = exportRange(50, 100, [80]);
    const shortRange = { ...bundle.manifest, leafRange: { startTreeSize: 50, startSubtreeRoots: [] } };
    expect(await verifyExportBundle(bundle.lines, shortRange)).toMatchObject({ kind: 'malformed-manifest' });
  });

  it('refuses a manifest of the first format, whose range bounded positions', async () => {
    const formatOne = { ...fullExport.manifest, format: 'alignment-ledger-export/1' } as unknown as ExportManifest;
    expect(await verifyExportBundle(fullExport.lines, formatOne)).toMatchObject({ kind: 'malformed-manifest' });
  });

  it('writes and verifies an empty export, whose range names no event', async () => {
    const manifest = new ExportBundleWriter({ origin: ORIGIN, verifierKey: keys.verifierKey }).manifest({ checkpoints: [] });
    expect(manifest.range).toEqual({});
    expect(await verifyExportBundle([], manifest, keys.verifierKey)).toMatchObject({ status: 'intact', events: 0 });
    const namingAnEvent = { ...manifest, range: { fromPosition: 1, toPosition: 1, fromLeafIndex: 0, toLeafIndex: 0 } };
    expect(await verifyExportBundle([], namingAnEvent)).toMatchObject({ kind: 'malformed-manifest' });
  });
});

describe('export bundle verification over a log whose positions do not increase', () => {
  const log = committedOutOfPositionOrder(history);
  const { exportRange: exportLog } = sealedLog(log);
  const sliceBundle = exportLog(50, 100, [80, 120], 120);

  const lineOf = (bundle: Bundle, index: number) => JSON.parse(bundle.lines[index]!) as EventEnvelope;

  it('verifies the whole log, exported in log order, with a range naming its first and last event and their leaves', async () => {
    const bundle = exportLog(0, 120, [40, 80, 120]);
    expect(positionDrops(bundle.lines.map((line) => JSON.parse(line) as EventEnvelope)).length).toBeGreaterThan(10);
    expect(bundle.manifest.range).toEqual({ fromPosition: log[0]!.globalPosition, toPosition: log[119]!.globalPosition, fromLeafIndex: 0, toLeafIndex: 119 });
    expect(await verifyExportBundle(bundle.lines, bundle.manifest, keys.verifierKey)).toEqual({
      status: 'intact',
      events: 120,
      streams: 5,
      checkpoints: 3,
      sealedEvents: 120,
    });
  });

  it('verifies a mid-log slice sealed to its end through a later checkpoint', async () => {
    expect(sliceBundle.manifest.range).toEqual({ fromPosition: log[50]!.globalPosition, toPosition: log[99]!.globalPosition, fromLeafIndex: 50, toLeafIndex: 99 });
    expect(await verifyExportBundle(sliceBundle.lines, sliceBundle.manifest, keys.verifierKey)).toMatchObject({ status: 'intact', events: 50, sealedEvents: 50 });
  });

  it('verifies a slice whose first event has a higher position than its last', async () => {
    const bundle = exportLog(50, 52, [80], 80);
    expect(bundle.manifest.range.fromPosition).toBeGreaterThan(bundle.manifest.range.toPosition!);
    expect(await verifyExportBundle(bundle.lines, bundle.manifest, keys.verifierKey)).toMatchObject({ status: 'intact', events: 2, sealedEvents: 2 });
  });

  it('reports a file that does not start with the range\'s first event, on line 1', async () => {
    const result = await verifyExportBundle(sliceBundle.lines.slice(1), sliceBundle.manifest, keys.verifierKey);
    expect(result).toMatchObject({ kind: 'out-of-range', line: 1 });
    expect(result.status === 'broken' && result.detail).toContain(`not ${log[50]!.globalPosition}, the event that starts the exported range`);
  });

  it('reports an unsealed file that stops before the range\'s last event, at its last line', async () => {
    const unsealed = exportLog(50, 100, []);
    const result = await verifyExportBundle(unsealed.lines.slice(0, -1), unsealed.manifest, keys.verifierKey);
    expect(result).toMatchObject({ kind: 'out-of-range', line: 49 });
    expect(result.status === 'broken' && result.detail).toContain(`not at ${log[99]!.globalPosition}, the event that ends the exported range`);
  });

  it('reports a line given the position of another line as inserted, naming its leaf', async () => {
    const moved = { ...lineOf(sliceBundle, 10), globalPosition: lineOf(sliceBundle, 3).globalPosition };
    const result = await verifyExportBundle(withLine(sliceBundle, 10, JSON.stringify(moved)), sliceBundle.manifest, keys.verifierKey);
    expect(result).toMatchObject({ kind: 'chain-broken', chainBreak: { kind: 'inserted', eventId: moved.eventId, leafIndex: 60 } });
  });

  it('catches the lines sorted into position order, which no chain can see, through the checkpoints', async () => {
    const positionOf = (line: string) => (JSON.parse(line) as EventEnvelope).globalPosition;
    const sorted = [...sliceBundle.lines].sort((a, b) => positionOf(a) - positionOf(b));
    const range = { ...sliceBundle.manifest.range, fromPosition: positionOf(sorted[0]!), toPosition: positionOf(sorted[49]!) };
    const result = await verifyExportBundle(sorted, { ...sliceBundle.manifest, range }, keys.verifierKey);
    expect(result).toMatchObject({ kind: 'checkpoint-failed', checkpointProblem: { kind: 'root-mismatch' } });
  });

  it('refuses a manifest whose leaf indexes are not contiguous from the tree the export starts at', async () => {
    const { range } = sliceBundle.manifest;
    const gapped = { ...sliceBundle.manifest, range: { ...range, toLeafIndex: range.toLeafIndex! + 1 } };
    const shifted = { ...sliceBundle.manifest, range: { ...range, fromLeafIndex: 49, toLeafIndex: 98 } };
    expect(await verifyExportBundle(sliceBundle.lines, gapped)).toMatchObject({ kind: 'malformed-manifest', detail: expect.stringContaining('not contiguous') });
    expect(await verifyExportBundle(sliceBundle.lines, shifted)).toMatchObject({ kind: 'malformed-manifest', detail: expect.stringContaining('not at leaf 50') });
  });
});
