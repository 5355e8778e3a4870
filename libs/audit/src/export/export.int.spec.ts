/**
 * Export round trip against a real Postgres: a range of the sealed log is written as a
 * bundle, verified offline (the directory alone), and replayed into an empty projection
 * that then equals, row by row, the live projection built by the projection runtime.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { generateSigningKey, verifyExportBundle } from '@ledger/integrity';
import { describeComparison } from '@ledger/projections';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { alignmentQuarterHistory } from '../../../projections/src/testing';
import { LedgerProofs } from '../proofs/ledger-proofs';
import { compareWithLive, refuseGaps, replayIntoProjection } from '../replay/projection-replay';
import { openAuditFixture, TEST_ORIGIN, type AuditFixture } from '../testing/audit-fixture';
import { EXPORT_EVENTS_FILE, EXPORT_MANIFEST_FILE, readExportPages, verifyExportDirectory, writeExportDirectory } from './export-directory';
import { verifyLedger } from '../verification/ledger-verification';
import { LedgerExporter } from './ledger-exporter';
import { resolveRange, type RangeRequest } from './log-range';

jest.setTimeout(90_000);

describe('exporting a range of the ledger', () => {
  const history = alignmentQuarterHistory();
  let ledger: AuditFixture;
  let exporter: LedgerExporter;
  let client: Client;
  let workspace: string;

  beforeAll(async () => {
    ledger = await openAuditFixture();
    await ledger.record(history);
    await ledger.sealer(25).sealAll();
    const proofs = new LedgerProofs(ledger.log, ledger.checkpoints);
    exporter = new LedgerExporter(ledger.dataSource, ledger.log, ledger.checkpoints, proofs, { origin: TEST_ORIGIN, verifierKey: ledger.keys.verifierKey });
    client = new Client({ connectionString: ledger.url });
    await client.connect();
    await ledger.projectOwnership();
    workspace = await mkdtemp(join(tmpdir(), 'audit-export-'));
  });

  afterAll(async () => {
    await client.end();
    await ledger.close({ dropDatabase: true });
    await rm(workspace, { recursive: true, force: true });
  });

  let exports = 0;
  async function exportTo(request: RangeRequest): Promise<string> {
    const directory = join(workspace, `export-${(exports += 1)}`);
    await writeExportDirectory(exporter, await resolveRange(ledger.log, request), directory);
    return directory;
  }

  it('exports the whole log as a bundle that verifies offline, every event sealed', async () => {
    const directory = await exportTo({});

    await expect(verifyExportDirectory(directory, ledger.keys.verifierKey)).resolves.toEqual({
      status: 'intact',
      events: history.length,
      streams: 3,
      checkpoints: Math.ceil(history.length / 25),
      sealedEvents: history.length,
    });
  });

  it('exports a range by position that starts mid-log and ends between checkpoints, still sealed to its end', async () => {
    const directory = await exportTo({ fromPosition: history[40]!.globalPosition, toPosition: history[89]!.globalPosition });

    const manifest = JSON.parse(await readFile(join(directory, EXPORT_MANIFEST_FILE), 'utf8'));
    expect(manifest).toMatchObject({ eventCount: 50, leafRange: { startTreeSize: 40 }, range: { fromPosition: history[40]!.globalPosition } });
    expect(Object.keys(manifest.consistencyProofs)).toEqual(['100']);
    expect(Object.keys(manifest.streamHeads).length).toBeGreaterThan(0);
    await expect(verifyExportDirectory(directory, ledger.keys.verifierKey)).resolves.toMatchObject({ status: 'intact', events: 50, sealedEvents: 50 });
  });

  it('exports a range by ledger time, stating the recorded times it covers', async () => {
    const directory = await exportTo({ fromTime: '2025-02-01T00:00:00Z', toTime: '2025-02-28T23:59:59Z' });
    const inFebruary = history.filter((event) => event.recordedAt.startsWith('2025-02'));

    const manifest = JSON.parse(await readFile(join(directory, EXPORT_MANIFEST_FILE), 'utf8'));
    expect(manifest).toMatchObject({
      eventCount: inFebruary.length,
      range: { fromRecordedAt: '2025-02-01T00:00:00.000Z', toRecordedAt: '2025-02-28T23:59:59.000Z' },
    });
    await expect(verifyExportDirectory(directory, ledger.keys.verifierKey)).resolves.toMatchObject({ status: 'intact', events: inFebruary.length });
  });

  it('stops an interrupted export between events with a bundle that verifies; the remainder, exported after it, completes the range', async () => {
    const range = await resolveRange(ledger.log, {});
    const interruption = new AbortController();
    const first: string[] = [];
    const partial = await exporter.export(
      range,
      (line) => {
        first.push(line.slice(0, -1));
        if (first.length === 70) interruption.abort();
      },
      undefined,
      interruption.signal,
    );

    expect(partial).toMatchObject({ eventCount: 70, range: { toPosition: history[69]!.globalPosition } });
    await expect(verifyExportBundle(first, partial, ledger.keys.verifierKey)).resolves.toMatchObject({ status: 'intact', events: 70, sealedEvents: 70 });

    const remainder = await exporter.remainderOf(range, partial);
    expect(remainder).toEqual({ fromPosition: history[70]!.globalPosition, toPosition: history.at(-1)!.globalPosition });
    const rest: string[] = [];
    const restManifest = await exporter.export(await resolveRange(ledger.log, remainder!), (line) => void rest.push(line.slice(0, -1)));
    await expect(verifyExportBundle(rest, restManifest, ledger.keys.verifierKey)).resolves.toMatchObject({ status: 'intact', events: history.length - 70 });
    expect([...first, ...rest].map((line) => (JSON.parse(line) as EventEnvelope).eventId)).toEqual(history.map((event) => event.eventId));
    expect(await exporter.remainderOf(range, await exporter.export(range, () => undefined))).toBeNull();
  });

  it('finds an export edited after it was written, naming the changed event', async () => {
    const directory = await exportTo({});
    const file = join(directory, EXPORT_EVENTS_FILE);
    const lines = (await readFile(file, 'utf8')).split('\n');
    const edited: EventEnvelope = JSON.parse(lines[30]!);
    lines[30] = JSON.stringify({ ...edited, actor: 'someone-else' });
    await writeFile(file, lines.join('\n'));

    await expect(verifyExportDirectory(directory, ledger.keys.verifierKey)).resolves.toMatchObject({
      status: 'broken',
      kind: 'chain-broken',
      chainBreak: { kind: 'altered', eventId: edited.eventId, globalPosition: edited.globalPosition },
    });
  });

  it('refuses an export sealed by another key than the one the auditor pinned', async () => {
    const directory = await exportTo({ toPosition: history[9]!.globalPosition });

    await expect(verifyExportDirectory(directory, generateSigningKey(TEST_ORIGIN).verifierKey)).resolves.toMatchObject({ status: 'broken', kind: 'untrusted-key' });
  });

  it('round-trips: an empty projection replayed from a verified export equals the live one, row by row', async () => {
    const directory = await exportTo({});
    await expect(verifyExportDirectory(directory, ledger.keys.verifierKey)).resolves.toMatchObject({ status: 'intact' });

    await replayIntoProjection({
      databaseUrl: ledger.url,
      query: (sql, params) => client.query(sql, params as unknown[]),
      projection: 'ownership',
      intoSchema: 'ownership_from_export',
      pages: readExportPages(directory, 40),
      readGap: refuseGaps('The export'),
    });

    const comparison = await compareWithLive((sql, params) => client.query(sql, params as unknown[]), 'ownership', 'ownership_from_export');
    expect(comparison.tables.some((table) => table.firstRows > 0)).toBe(true);
    expect(describeComparison(comparison)).toBe('Every table is equal, row by row.');
  });

  it('refuses to build a projection from an export that starts mid-stream', async () => {
    const directory = await exportTo({ fromPosition: history[60]!.globalPosition });

    await expect(
      replayIntoProjection({
        databaseUrl: ledger.url,
        query: (sql, params) => client.query(sql, params as unknown[]),
        projection: 'ownership',
        intoSchema: 'ownership_from_partial_export',
        pages: readExportPages(directory, 40),
        readGap: refuseGaps('The export'),
      }),
    ).rejects.toMatchObject({ code: 'audit.history-incomplete' });
  });

  it('refuses a range whose bounds name no event, or come in the wrong order', async () => {
    await expect(resolveRange(ledger.log, { fromPosition: 999_999 })).rejects.toMatchObject({ code: 'audit.unknown-position', field: 'fromPosition' });
    await expect(
      resolveRange(ledger.log, { fromPosition: history[50]!.globalPosition, toPosition: history[10]!.globalPosition }),
    ).rejects.toMatchObject({ code: 'audit.invalid-range' });
    await expect(resolveRange(ledger.log, { fromTime: 'yesterday' })).rejects.toMatchObject({ code: 'audit.invalid-time' });
  });
});

describe('exporting a range where two appends committed out of position order', () => {
  let ledger: AuditFixture;
  let exporter: LedgerExporter;
  let positions: [number, number];

  beforeAll(async () => {
    ledger = await openAuditFixture();
    await ledger.record(alignmentQuarterHistory().slice(0, 5));
    positions = await ledger.commitOutOfPositionOrder();
    await ledger.sealer().sealAll();
    exporter = new LedgerExporter(ledger.dataSource, ledger.log, ledger.checkpoints, new LedgerProofs(ledger.log, ledger.checkpoints), {
      origin: TEST_ORIGIN,
      verifierKey: ledger.keys.verifierKey,
    });
  });

  afterAll(() => ledger.close({ dropDatabase: true }));

  it('exports the whole log, the pair in commit order, as a bundle that verifies, and the ledger verifies intact too', async () => {
    const lines: string[] = [];
    const [slow, fast] = positions;

    const manifest = await exporter.export(await resolveRange(ledger.log, {}), (line) => void lines.push(line.slice(0, -1)));

    expect(lines.slice(-2).map((line) => (JSON.parse(line) as EventEnvelope).globalPosition)).toEqual([slow, fast]);
    expect(manifest.range).toMatchObject({ toPosition: fast, fromLeafIndex: 0, toLeafIndex: 6 });
    await expect(verifyExportBundle(lines, manifest, ledger.keys.verifierKey)).resolves.toMatchObject({ status: 'intact', events: 7, sealedEvents: 7 });
    await expect(verifyLedger({ log: ledger.log, checkpoints: ledger.checkpoints, verifierKey: ledger.keys.verifierKey })).resolves.toMatchObject({
      status: 'intact',
      eventsVerified: 7,
    });
  });

  it('exports the range from the pair\'s first event to its second, though the first has the higher position', async () => {
    const lines: string[] = [];
    const [slow, fast] = positions;

    const manifest = await exporter.export(await resolveRange(ledger.log, { fromPosition: slow, toPosition: fast }), (line) => void lines.push(line.slice(0, -1)));

    expect(manifest).toMatchObject({ eventCount: 2, range: { fromPosition: slow, toPosition: fast, fromLeafIndex: 5, toLeafIndex: 6 } });
    await expect(verifyExportBundle(lines, manifest, ledger.keys.verifierKey)).resolves.toMatchObject({ status: 'intact', events: 2, sealedEvents: 2 });
  });
});
