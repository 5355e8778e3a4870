/**
 * Sealing against a real Postgres: checkpoints signed over the log in commit order,
 * extended incrementally, never including an event of a transaction still in flight,
 * and proofs that auditors can check against them.
 */
import {
  eventLeafHash,
  merkleRoot,
  verifyCheckpoint,
  verifyConsistency,
  verifyInclusion,
} from '@ledger/integrity';
import { Client } from 'pg';
import { alignmentQuarterHistory } from '../../../projections/src/testing';
import { CommittedLog } from '../log/committed-log';
import { LedgerProofs } from '../proofs/ledger-proofs';
import { openAuditFixture, TEST_ORIGIN, type AuditFixture } from '../testing/audit-fixture';
import { verifyLedger } from '../verification/ledger-verification';

jest.setTimeout(60_000);

describe('the sealer', () => {
  const history = alignmentQuarterHistory();
  let ledger: AuditFixture;

  beforeEach(async () => {
    ledger = await openAuditFixture();
  });

  afterEach(() => ledger.close({ dropDatabase: true }));

  async function leafHashesInLogOrder(): Promise<Buffer[]> {
    const events = await ledger.eventStore.readAll({ afterPosition: 0, limit: 100_000 });
    return events.map((event) => eventLeafHash(event.globalPosition, event.hash));
  }

  it('signs checkpoints whose roots are the RFC 6962 roots of the log in commit order, at most N events apart', async () => {
    await ledger.record(history);

    const outcomes = await ledger.sealer(50).sealAll();

    expect(outcomes.map((outcome) => outcome.checkpoint.treeSize)).toEqual([50, 100, history.length]);
    const leaves = await leafHashesInLogOrder();
    for (const { checkpoint } of outcomes) {
      const signed = verifyCheckpoint(checkpoint.signedNote, ledger.keys.verifierKey);
      expect(signed).toMatchObject({ origin: TEST_ORIGIN, treeSize: checkpoint.treeSize });
      expect(signed.rootHash).toEqual(merkleRoot(leaves.slice(0, checkpoint.treeSize)));
    }
    await expect(ledger.checkpoints.treeState()).resolves.toMatchObject({ size: history.length, lastPosition: history.at(-1)!.globalPosition });
  });

  it('extends the tree from its stored state, reading only the events recorded since the last seal', async () => {
    await ledger.record(history.slice(0, 80));
    await ledger.sealer().sealAll();
    const sealedUpTo = (await ledger.checkpoints.treeState()).lastPosition;
    await ledger.record(history.slice(80));
    const sealer = ledger.sealer();
    const reads = jest.spyOn(CommittedLog.prototype, 'leaves');

    const [outcome] = await sealer.sealAll();

    expect(reads.mock.calls[0]![0]).toMatchObject({ after: { position: sealedUpTo } });
    reads.mockRestore();
    expect(outcome).toMatchObject({ events: history.length - 80, checkpoint: { treeSize: history.length } });
    expect(outcome!.checkpoint.rootHash).toEqual(merkleRoot(await leafHashesInLogOrder()));
  });

  it('has nothing to seal when nothing was recorded since the last checkpoint', async () => {
    await ledger.record(history.slice(0, 10));
    await ledger.sealer().sealAll();

    await expect(ledger.sealer().sealNext()).resolves.toBeNull();
    await expect(ledger.checkpoints.list()).resolves.toHaveLength(1);
  });

  it('waits for a transaction in flight, then seals its event after the prefix even though its position is higher', async () => {
    await ledger.record(history.slice(0, 10));
    const slow = new Client({ connectionString: ledger.url });
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query('SELECT pg_current_xact_id()');
      await ledger.record(history.slice(10, 11), { settle: false });
      await ledger.sealer().sealAll();
      expect((await ledger.checkpoints.treeState()).size).toBe(10);
    } finally {
      await slow.query('COMMIT');
      await slow.end();
    }
    const [slowPosition, fastPosition] = await ledger.commitOutOfPositionOrder();
    await ledger.sealer().sealAll();

    const [slowEvent, fastEvent] = (await ledger.eventStore.readAll({ afterPosition: 0, limit: 100 })).slice(-2);
    expect([slowEvent!.globalPosition, fastEvent!.globalPosition]).toEqual([slowPosition, fastPosition]);
    expect(slowPosition).toBeGreaterThan(fastPosition);
    expect((await ledger.checkpoints.treeState()).size).toBe(13);
    await expect(verifyLedger({ log: ledger.log, checkpoints: ledger.checkpoints, verifierKey: ledger.keys.verifierKey })).resolves.toMatchObject({
      status: 'intact',
      eventsVerified: 13,
      sealedEvents: 13,
    });
  });

  describe('proofs', () => {
    let proofs: LedgerProofs;

    beforeEach(async () => {
      await ledger.record(history);
      await ledger.sealer(40).sealAll();
      proofs = new LedgerProofs(ledger.log, ledger.checkpoints);
    });

    it('proves an event included in a checkpoint, from its leaf to the signed root', async () => {
      const event = history[57]!;
      const checkpoint = (await ledger.checkpoints.atSize(80))!;

      const answer = await proofs.inclusion(event.eventId, 80);

      expect(answer).toMatchObject({ eventId: event.eventId, globalPosition: event.globalPosition, leafIndex: 57, treeSize: 80 });
      const leaf = eventLeafHash(event.globalPosition, event.hash);
      const path = answer.proof.map((hash) => Buffer.from(hash, 'hex'));
      expect(verifyInclusion(leaf, 57, 80, path, verifyCheckpoint(answer.checkpoint, ledger.keys.verifierKey).rootHash)).toBe(true);
      expect(verifyInclusion(leaf, 57, 80, path, merkleRoot([]))).toBe(false);
      expect(checkpoint.signedNote).toBe(answer.checkpoint);
    });

    it('proves each checkpoint an append-only extension of an earlier one', async () => {
      const [older, newer] = [(await ledger.checkpoints.atSize(40))!, (await ledger.checkpoints.latest())!];

      const answer = await proofs.consistency(40, newer.treeSize);

      const proof = answer.proof.map((hash) => Buffer.from(hash, 'hex'));
      expect(verifyConsistency(40, newer.treeSize, older.rootHash, newer.rootHash, proof)).toBe(true);
    });

    it('refuses, with a reason, an event recorded after the checkpoint, an unknown event and an unsealed size', async () => {
      await expect(proofs.inclusion(history[100]!.eventId, 80)).rejects.toMatchObject({ code: 'audit.event-not-sealed', kind: 'conflict' });
      await expect(proofs.inclusion('00000000-0000-4000-8000-0000000fffff')).rejects.toMatchObject({ code: 'audit.event-not-found' });
      await expect(proofs.inclusion('not-a-uuid')).rejects.toMatchObject({ code: 'audit.invalid-event-id', field: 'eventId' });
      await expect(proofs.consistency(40, 41)).rejects.toMatchObject({ code: 'audit.checkpoint-not-found', field: 'to' });
      await expect(proofs.consistency(80, 40)).rejects.toMatchObject({ code: 'audit.invalid-range' });
    });
  });
});
