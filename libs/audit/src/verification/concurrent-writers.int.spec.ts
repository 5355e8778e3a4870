/**
 * The ledger as concurrent writers leave it, against a real Postgres: four writers
 * append at once, so appends commit in another order than they took their positions,
 * and along the log (commit order) positions now and then go down. Sealing, export,
 * offline verification and the ledger's verification must take that log as it is, and
 * still catch tampering, naming the event by its place in the log.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { EventStore } from '@ledger/event-store';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '../../../event-store/src/testing/event-store-fixture';
import { positionDrops } from '../../../integrity/src/testing/history';
import { EXPORT_EVENTS_FILE, EXPORT_MANIFEST_FILE, verifyExportDirectory, writeExportDirectory } from '../export/export-directory';
import { LedgerExporter } from '../export/ledger-exporter';
import { resolveRange, type RangeRequest } from '../export/log-range';
import type { CommittedLog } from '../log/committed-log';
import { LedgerProofs } from '../proofs/ledger-proofs';
import { copyDatabase, dropTestDatabase, openAuditFixture, tamper, TEST_ORIGIN, type AuditFixture } from '../testing/audit-fixture';
import { verifyLedger } from './ledger-verification';

jest.setTimeout(90_000);

const WRITERS = 4;
const APPENDS_PER_WRITER = 40;
const EVENTS_PER_CHECKPOINT = 50;

describe('a ledger written by concurrent writers', () => {
  let baseUrl: string;
  let keys: AuditFixture['keys'];
  let written: number;
  let log: EventEnvelope[];
  let drops: number[];
  let workspace: string;

  beforeAll(async () => {
    const base = await openAuditFixture();
    const counts = await Promise.all(Array.from({ length: WRITERS }, () => write(base.eventStore)));
    written = counts.reduce((sum, count) => sum + count, 0);
    // However the writers were scheduled, at least this pair commits out of position order.
    await base.commitOutOfPositionOrder();
    await base.sealer(EVENTS_PER_CHECKPOINT).sealAll();
    log = await everyEvent(base.log);
    drops = positionDrops(log);
    ({ url: baseUrl, keys } = base);
    await base.close();
    workspace = await mkdtemp(join(tmpdir(), 'audit-concurrent-'));
  });

  afterAll(async () => {
    await dropTestDatabase(baseUrl);
    await rm(workspace, { recursive: true, force: true });
  });

  async function withLedger<T>(url: string, use: (ledger: AuditFixture) => Promise<T>): Promise<T> {
    const ledger = await openAuditFixture({ url, keys });
    try {
      return await use(ledger);
    } finally {
      await ledger.close();
    }
  }

  const verify = (ledger: AuditFixture) => verifyLedger({ log: ledger.log, checkpoints: ledger.checkpoints, verifierKey: keys.verifierKey });

  let exports = 0;
  async function exportTo(ledger: AuditFixture, request: RangeRequest): Promise<string> {
    const directory = join(workspace, `export-${(exports += 1)}`);
    const exporter = new LedgerExporter(ledger.dataSource, ledger.log, ledger.checkpoints, new LedgerProofs(ledger.log, ledger.checkpoints), {
      origin: TEST_ORIGIN,
      verifierKey: keys.verifierKey,
    });
    await writeExportDirectory(exporter, await resolveRange(ledger.log, request), directory);
    return directory;
  }

  it('has a log, in commit order, whose unique positions go down where appends committed out of position order', () => {
    expect(log).toHaveLength(written + 2);
    expect(drops.length).toBeGreaterThan(0);
    expect(new Set(log.map((event) => event.globalPosition)).size).toBe(log.length);
  });

  it('verifies the sealed ledger intact: every event, every stream, every checkpoint', async () => {
    await expect(withLedger(baseUrl, verify)).resolves.toMatchObject({
      status: 'intact',
      eventsVerified: log.length,
      streams: WRITERS * 2 + 2,
      checkpointsVerified: Math.ceil(log.length / EVENTS_PER_CHECKPOINT),
      sealedEvents: log.length,
      unsealedEvents: 0,
    });
  });

  it('exports the whole log as a bundle that verifies offline, every event sealed', async () => {
    const directory = await withLedger(baseUrl, (ledger) => exportTo(ledger, {}));

    await expect(verifyExportDirectory(directory, keys.verifierKey)).resolves.toEqual({
      status: 'intact',
      events: log.length,
      streams: WRITERS * 2 + 2,
      checkpoints: Math.ceil(log.length / EVENTS_PER_CHECKPOINT),
      sealedEvents: log.length,
    });
  });

  it('exports the slice between two inverted pairs, from a higher position to a lower one, and it verifies offline', async () => {
    const [first, last] = [drops[0]! - 1, drops.at(-1)!];
    const request = { fromPosition: log[first]!.globalPosition, toPosition: log[last]!.globalPosition };
    const directory = await withLedger(baseUrl, (ledger) => exportTo(ledger, request));

    const manifest = JSON.parse(await readFile(join(directory, EXPORT_MANIFEST_FILE), 'utf8'));
    expect(manifest.range).toEqual({ ...request, fromLeafIndex: first, toLeafIndex: last });
    await expect(verifyExportDirectory(directory, keys.verifierKey)).resolves.toMatchObject({ status: 'intact', events: last - first + 1, sealedEvents: last - first + 1 });
  });

  it('names the edited line of an export by its event and its leaf', async () => {
    const directory = await withLedger(baseUrl, (ledger) => exportTo(ledger, {}));
    const file = join(directory, EXPORT_EVENTS_FILE);
    const lines = (await readFile(file, 'utf8')).split('\n');
    const edited: EventEnvelope = JSON.parse(lines[drops[0]!]!);
    lines[drops[0]!] = JSON.stringify({ ...edited, actor: 'someone-else' });
    await writeFile(file, lines.join('\n'));

    await expect(verifyExportDirectory(directory, keys.verifierKey)).resolves.toMatchObject({
      status: 'broken',
      kind: 'chain-broken',
      chainBreak: { kind: 'altered', eventId: edited.eventId, globalPosition: edited.globalPosition, leafIndex: drops[0] },
    });
  });

  it('names an event updated in the database by a superuser, by its id, position and leaf', async () => {
    const target = log[drops[0]!]!;
    const copyUrl = await copyDatabase(baseUrl);
    try {
      const result = await withLedger(copyUrl, async (ledger) => {
        await tamper(ledger.dataSource, `UPDATE ledger.events SET data = data || '{"amended": true}' WHERE event_id = '${target.eventId}'`);
        return verify(ledger);
      });

      expect(result).toMatchObject({
        status: 'broken',
        problem: { source: 'chain', kind: 'altered', eventId: target.eventId, globalPosition: target.globalPosition, leafIndex: drops[0] },
      });
    } finally {
      await dropTestDatabase(copyUrl);
    }
  });
});

/** One writer: appends of one or two events, alternating between two streams of its own; answers how many it wrote. */
async function write(eventStore: EventStore): Promise<number> {
  const streams = [`partnership-writer-${randomUUID()}`, `partnership-writer-${randomUUID()}`];
  const versions = [0, 0];
  for (let append = 0; append < APPENDS_PER_WRITER; append += 1) {
    const stream = append % 2;
    const events = Array.from({ length: 1 + (append % 3 === 0 ? 1 : 0) }, () => newEvent());
    await eventStore.append({ streamId: streams[stream]!, expectedVersion: versions[stream]!, events });
    versions[stream]! += events.length;
  }
  return versions[0]! + versions[1]!;
}

async function everyEvent(log: CommittedLog): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for await (const page of log.events()) events.push(...page.items);
  return events;
}
