/**
 * Tamper evidence against a real Postgres: a realistic quarter of three partnerships,
 * recorded through the event store and sealed into signed checkpoints, then altered by
 * a superuser in each of the ways a forger could. The verification must find each one
 * and name its place, and must find nothing in the untouched ledger.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { computeEventHash } from '@ledger/integrity';
import { alignmentQuarterHistory } from '../../../projections/src/testing';
import { copyDatabase, dropTestDatabase, openAuditFixture, tamper, type AuditFixture } from '../testing/audit-fixture';
import { verifyLedger } from './ledger-verification';
import type { LedgerBroken, LedgerVerificationResult } from './verification-result';

jest.setTimeout(60_000);

const EVENTS_PER_CHECKPOINT = 20;

describe('verifying a sealed ledger that a superuser tampered with', () => {
  const history = alignmentQuarterHistory();
  let baseUrl: string;
  let keys: AuditFixture['keys'];
  let ledger: AuditFixture;

  beforeAll(async () => {
    const base = await openAuditFixture();
    await base.record(history);
    await base.sealer(EVENTS_PER_CHECKPOINT).sealAll();
    ({ url: baseUrl, keys } = base);
    await base.close();
  });

  beforeEach(async () => {
    ledger = await openAuditFixture({ url: await copyDatabase(baseUrl), keys });
  });

  afterEach(() => ledger.close({ dropDatabase: true }));
  afterAll(() => dropTestDatabase(baseUrl));

  const verify = (): Promise<LedgerVerificationResult> =>
    verifyLedger({ log: ledger.log, checkpoints: ledger.checkpoints, verifierKey: keys.verifierKey });

  async function storedEvent(streamId: string, streamVersion: number): Promise<EventEnvelope> {
    const [event] = await ledger.eventStore.readStream(streamId, { fromVersion: streamVersion, toVersion: streamVersion });
    return event!;
  }

  it('finds an untouched ledger intact: every event, every stream, every checkpoint', async () => {
    await expect(verify()).resolves.toMatchObject({
      status: 'intact',
      eventsVerified: history.length,
      streams: 3,
      checkpointsVerified: Math.ceil(history.length / EVENTS_PER_CHECKPOINT),
      sealedEvents: history.length,
      unsealedEvents: 0,
    });
  });

  it('names the event whose data was updated', async () => {
    const target = await storedEvent('partnership-mkt-sales', 7);
    await tamper(ledger.dataSource, `UPDATE ledger.events SET data = data || '{"amended": true}' WHERE event_id = '${target.eventId}'`);

    expect(brokenProblem(await verify())).toMatchObject({
      source: 'chain',
      kind: 'altered',
      eventId: target.eventId,
      streamId: target.streamId,
      streamVersion: 7,
      globalPosition: target.globalPosition,
    });
  });

  it('names the event that follows a deleted row', async () => {
    const deleted = await storedEvent('partnership-mkt-it', 4);
    const next = await storedEvent('partnership-mkt-it', 5);
    await tamper(ledger.dataSource, `DELETE FROM ledger.events WHERE event_id = '${deleted.eventId}'`);

    const problem = brokenProblem(await verify());
    expect(problem).toMatchObject({ source: 'chain', kind: 'removed', eventId: next.eventId, streamVersion: 5, globalPosition: next.globalPosition });
    expect(problem.detail).toContain('version 4 was');
  });

  it('finds the newest events deleted, which no chain can show, through the checkpoint that sealed them', async () => {
    const [last] = (await ledger.eventStore.readAll({ afterPosition: 0, limit: 1_000 })).slice(-1);
    await tamper(ledger.dataSource, `DELETE FROM ledger.events WHERE event_id = '${last!.eventId}'`);

    expect(brokenProblem(await verify())).toMatchObject({ source: 'checkpoint', kind: 'missing-events', checkpoint: { treeSize: history.length } });
  });

  it('names the first of two events whose data was swapped', async () => {
    const [first, second] = [await storedEvent('partnership-mkt-sales', 20), await storedEvent('partnership-mkt-sales', 21)];
    await tamper(
      ledger.dataSource,
      `UPDATE ledger.events a SET data = b.data FROM ledger.events b
       WHERE (a.event_id, b.event_id) IN (('${first.eventId}', '${second.eventId}'), ('${second.eventId}', '${first.eventId}'))`,
    );

    expect(brokenProblem(await verify())).toMatchObject({ kind: 'altered', eventId: first.eventId, globalPosition: first.globalPosition });
  });

  it('names the first of two events whose stream versions were swapped', async () => {
    const [first, second] = [await storedEvent('partnership-mkt-it', 2), await storedEvent('partnership-mkt-it', 3)];
    await tamper(
      ledger.dataSource,
      `UPDATE ledger.events SET stream_version = -1 WHERE event_id = '${first.eventId}'`,
      `UPDATE ledger.events SET stream_version = 2 WHERE event_id = '${second.eventId}'`,
      `UPDATE ledger.events SET stream_version = 3 WHERE event_id = '${first.eventId}'`,
    );

    expect(brokenProblem(await verify())).toMatchObject({
      source: 'chain',
      kind: 'altered',
      eventId: first.eventId,
      streamVersion: 3,
      globalPosition: first.globalPosition,
    });
  });

  it('names a forged event inserted under a version the stream already holds', async () => {
    const original = await storedEvent('partnership-mkt-finance', 3);
    const forged = { ...original, eventId: '99999999-0000-4000-8000-000000000001', data: { ...(original.data as object), forged: true } };
    const forgedHash = computeEventHash(original.prevHash, forged);
    await tamper(
      ledger.dataSource,
      'ALTER TABLE ledger.events DROP CONSTRAINT events_stream_id_stream_version_key',
      insertStatement({ ...forged, hash: forgedHash }, `(SELECT transaction_id FROM ledger.events WHERE event_id = '${original.eventId}')`),
    );

    expect(brokenProblem(await verify())).toMatchObject({ source: 'chain', eventId: forged.eventId, streamId: original.streamId, streamVersion: 3 });
  });

  it('finds a well-formed forged event slipped into the sealed history through the checkpoint that no longer matches', async () => {
    const [streamHead] = (await ledger.eventStore.readStream('partnership-mkt-finance')).slice(-1);
    const forged = {
      ...streamHead!,
      eventId: '99999999-0000-4000-8000-000000000002',
      streamVersion: streamHead!.streamVersion + 1,
      prevHash: streamHead!.hash,
      data: { decisionId: 'forged', decisionArea: 'campaign-budget', decidedBy: 'finance', summary: 'forged', authority: 'accountable' },
      type: 'DecisionRecorded' as const,
    };
    // Committed, as far as the order can tell, in the same transaction as the stream's last event.
    await tamper(
      ledger.dataSource,
      insertStatement({ ...forged, hash: computeEventHash(forged.prevHash, forged) }, `(SELECT transaction_id FROM ledger.events WHERE event_id = '${streamHead!.eventId}')`),
    );
    const forgedLeaf = await ledger.log.leafIndexOf((await ledger.log.cursorOfEvent(forged.eventId))!);

    const problem = brokenProblem(await verify());
    expect(problem).toMatchObject({ source: 'checkpoint', kind: 'root-mismatch' });
    expect(problem.source === 'checkpoint' && problem.changedRange).toMatchObject({
      afterTreeSize: Math.floor(forgedLeaf / EVENTS_PER_CHECKPOINT) * EVENTS_PER_CHECKPOINT,
      throughTreeSize: (Math.floor(forgedLeaf / EVENTS_PER_CHECKPOINT) + 1) * EVENTS_PER_CHECKPOINT,
    });
  });

  it('finds a stream rewritten with a recomputed chain through the first checkpoint it breaks, naming the changed leaves', async () => {
    const stream = await ledger.eventStore.readStream('partnership-mkt-finance');
    const rewritten = rechain(stream.map((event, index) => (index === 1 ? { ...event, data: { ...(event.data as object), rewritten: true } } : event)));
    await tamper(
      ledger.dataSource,
      ...rewritten.map(
        (event) =>
          `UPDATE ledger.events SET data = '${JSON.stringify(event.data)}'::jsonb, prev_hash = '${event.prevHash}', hash = '${event.hash}'
           WHERE event_id = '${event.eventId}'`,
      ),
    );
    const changedLeaf = await ledger.log.leafIndexOf((await ledger.log.cursorOfEvent(stream[1]!.eventId))!);
    const firstBrokenSize = (Math.floor(changedLeaf / EVENTS_PER_CHECKPOINT) + 1) * EVENTS_PER_CHECKPOINT;

    const result = await verify();
    const problem = brokenProblem(result);
    expect(problem).toMatchObject({ source: 'checkpoint', kind: 'root-mismatch', checkpoint: { treeSize: firstBrokenSize } });
    expect(problem.source === 'checkpoint' && problem.changedRange).toMatchObject({
      afterTreeSize: firstBrokenSize - EVENTS_PER_CHECKPOINT,
      throughTreeSize: firstBrokenSize,
    });
    expect(problem.detail).toContain(`leaves ${firstBrokenSize - EVENTS_PER_CHECKPOINT + 1} to ${firstBrokenSize}`);
  });

  it('resumes an interrupted verification from its last proven checkpoint and reaches the same verdict', async () => {
    const controller = new AbortController();
    const first = await verifyLedger({
      log: ledger.log,
      checkpoints: ledger.checkpoints,
      verifierKey: keys.verifierKey,
      pageSize: 30,
      resumeSpacing: EVENTS_PER_CHECKPOINT,
      signal: controller.signal,
      onProgress: (progress) => progress.eventsVerified >= 60 && controller.abort(),
    });
    expect(first).toMatchObject({ status: 'interrupted', resumePoint: { treeSize: 60, checkpointsVerified: 3 } });

    const resumed = await verifyLedger({
      log: ledger.log,
      checkpoints: ledger.checkpoints,
      verifierKey: keys.verifierKey,
      resumeFrom: first.status === 'interrupted' ? first.resumePoint : undefined,
    });
    expect(resumed).toMatchObject({ status: 'intact', eventsVerified: history.length, resumedFromTreeSize: 60, sealedEvents: history.length });
  });
});

function brokenProblem(result: LedgerVerificationResult): LedgerBroken['problem'] {
  if (result.status !== 'broken') throw new Error(`Expected a broken ledger, the verification answered ${JSON.stringify(result)}`);
  return result.problem;
}

/** Re-links and re-hashes a stream, as a forger with write access could. */
function rechain(events: readonly StoredRow[]): StoredRow[] {
  let prevHash = '0'.repeat(64);
  return events.map((event) => {
    const rehashed = { ...event, prevHash, hash: computeEventHash(prevHash, event) };
    prevHash = rehashed.hash;
    return rehashed;
  });
}

/** Any envelope-shaped record, forged ones with data outside the catalogue included. */
type StoredRow = Omit<EventEnvelope, 'data' | 'type'> & { type: string; data: unknown };

function insertStatement(event: StoredRow, transactionId: string): string {
  const quote = (text: string | null) => (text === null ? 'NULL' : `'${text.replace(/'/g, "''")}'`);
  return `INSERT INTO ledger.events (global_position, event_id, stream_id, stream_version, type, schema_version, data, actor,
      source_system, correlation_id, causation_id, occurred_at, recorded_at, prev_hash, hash, transaction_id)
    OVERRIDING SYSTEM VALUE
    VALUES ((SELECT max(global_position) + 1 FROM ledger.events), ${quote(event.eventId)}, ${quote(event.streamId)}, ${event.streamVersion},
      ${quote(event.type)}, ${event.schemaVersion}, ${quote(JSON.stringify(event.data))}::jsonb, ${quote(event.actor)},
      ${quote(event.sourceSystem)}, ${quote(event.correlationId)}, ${quote(event.causationId)}, ${quote(event.occurredAt)},
      ${quote(event.recordedAt)}, ${quote(event.prevHash)}, ${quote(event.hash)}, ${transactionId})`;
}
