import type { EventEnvelope } from '@ledger/contracts';
import { verifyStreamChains } from './chain-verification';
import { LogEntry, StoredRoot, verifyLogAgainstCheckpoints } from './checkpoint-verification';
import { eventLeafHash } from './event-leaf';
import { consistencyProof, merkleRoot } from './merkle';
import { MerkleTreeBuilder } from './merkle-tree-builder';
import { generateSigningKey } from './note-keys';
import { signCheckpoint } from './signed-note';
import { committedOutOfPositionOrder, interleavedHistory, positionDrops, rehashStream } from './testing/history';

const ORIGIN = 'alignment-ledger.example/log';
const keys = generateSigningKey(ORIGIN);
const history = interleavedHistory(120, 5);
const leaves = history.map((event) => eventLeafHash(event.globalPosition, event.hash));

function seal(treeSize: number, signerKey = keys.signerKey, origin = ORIGIN): string {
  return signCheckpoint({ origin, treeSize, rootHash: merkleRoot(leaves.slice(0, treeSize)) }, signerKey);
}

function verify(entries: readonly LogEntry[], checkpoints: string[], options = {}) {
  return verifyLogAgainstCheckpoints(entries, checkpoints, keys.verifierKey, options);
}

/** Edits one event's data and re-hashes its stream: every chain still verifies. */
function rewriteQuietly(events: readonly EventEnvelope[], index: number): EventEnvelope[] {
  const target = events[index]!;
  const edited = events.map((event) => (event === target ? ({ ...event, data: { ...event.data, signatory: 'mallory' } } as EventEnvelope) : event));
  return rehashStream(edited, target.streamId);
}

describe('verification against signed checkpoints', () => {
  it('finds an untouched log intact and sealed up to its last checkpoint', () => {
    expect(verify(history, [seal(40), seal(80), seal(120)])).toEqual({ status: 'intact', checkpoints: 3, treeSize: 120, sealedTreeSize: 120 });
  });

  it('reports the events after the last checkpoint as not yet sealed', () => {
    expect(verify(history, [seal(40), seal(80)])).toMatchObject({ status: 'intact', treeSize: 120, sealedTreeSize: 80 });
  });

  it('catches a stream rewritten with a recomputed chain, between the last matching checkpoint and the first failing one', () => {
    const rewritten = rewriteQuietly(history, 60);
    expect(verifyStreamChains(rewritten).status).toBe('intact');
    const result = verify(rewritten, [seal(40), seal(80), seal(120)]);
    expect(result).toMatchObject({
      status: 'broken',
      kind: 'root-mismatch',
      checkpointIndex: 1,
      changedRange: {
        afterTreeSize: 40,
        throughTreeSize: 80,
        afterPosition: history[39]!.globalPosition,
        throughPosition: history[79]!.globalPosition,
      },
    });
    expect(result.status === 'broken' && result.detail).toContain(
      `leaves 41 to 80 (in log order, after the event at global position ${history[39]!.globalPosition} through the one at ${history[79]!.globalPosition})`,
    );
  });

  it('catches events of two streams that swapped global positions, which no chain can see', () => {
    const index = history.findIndex((event, i) => i >= 50 && event.streamId !== history[i + 1]!.streamId);
    const [first, second] = [history[index]!, history[index + 1]!];
    const swapped = [...history];
    swapped[index] = { ...second, globalPosition: first.globalPosition };
    swapped[index + 1] = { ...first, globalPosition: second.globalPosition };
    expect(verifyStreamChains(swapped).status).toBe('intact');
    expect(verify(swapped, [seal(40), seal(80), seal(120)])).toMatchObject({ kind: 'root-mismatch', checkpointIndex: 1 });
  });

  it('reports sealed events deleted from the end of the log as missing', () => {
    const result = verify(history.slice(0, 110), [seal(40), seal(120)]);
    expect(result).toMatchObject({ kind: 'missing-events', checkpointIndex: 1 });
    expect(result.status === 'broken' && result.detail).toContain('10 sealed events are missing');
  });

  it('narrows a failure down with the unsigned roots the ledger stored, and says it is only a hint', () => {
    const storedRoots: StoredRoot[] = [10, 20, 30, 50, 60, 70, 90, 100, 110].map((treeSize) => ({ treeSize, rootHash: merkleRoot(leaves.slice(0, treeSize)) }));
    const result = verify(rewriteQuietly(history, 64), [seal(40), seal(120)], { storedRoots });
    expect(result).toMatchObject({
      kind: 'root-mismatch',
      changedRange: { afterTreeSize: 40, throughTreeSize: 120 },
      narrowedRange: { afterTreeSize: 60, throughTreeSize: 70, afterPosition: history[59]!.globalPosition, throughPosition: history[69]!.globalPosition },
    });
    expect(result.status === 'broken' && result.detail).toContain('hint');
  });

  it('names the failing check of a checkpoint whose signature does not verify', () => {
    const forged = seal(80).replace('\n80\n', '\n79\n');
    expect(verify(history, [seal(40), forged])).toMatchObject({ kind: 'invalid-checkpoint', checkpointIndex: 1, code: 'note.bad-signature' });
  });

  it('refuses a checkpoint signed by a key the auditor does not trust', () => {
    const impostor = generateSigningKey(ORIGIN);
    expect(verify(history, [seal(40, impostor.signerKey)])).toMatchObject({ kind: 'invalid-checkpoint', checkpointIndex: 0, code: 'note.unknown-key' });
  });

  it('refuses checkpoints whose sizes shrink', () => {
    expect(verify(history, [seal(80), seal(40)])).toMatchObject({ kind: 'inconsistent-checkpoints', checkpointIndex: 1 });
  });

  it('reports two signed roots for one size as proof of a forked log, before reading any event', () => {
    const otherRoot = signCheckpoint({ origin: ORIGIN, treeSize: 80, rootHash: merkleRoot(leaves.slice(1, 81)) }, keys.signerKey);
    const result = verify([], [seal(80), otherRoot]);
    expect(result).toMatchObject({ kind: 'inconsistent-checkpoints', checkpointIndex: 1 });
    expect(result.status === 'broken' && result.detail).toContain('two different histories');
  });

  it('refuses a checkpoint of another log', () => {
    expect(verify(history, [seal(40), seal(80, keys.signerKey, 'other.example/log')])).toMatchObject({ kind: 'inconsistent-checkpoints', checkpointIndex: 1 });
    expect(verify(history, [seal(40)], { expectedOrigin: 'other.example/log' })).toMatchObject({ kind: 'inconsistent-checkpoints', checkpointIndex: 0 });
  });

  describe('over a range that starts mid-log', () => {
    const prefix = new MerkleTreeBuilder();
    leaves.slice(0, 50).forEach((leaf) => prefix.append(leaf));
    const start = prefix.compactRange();

    it('resumes the tree from its compact range and verifies the checkpoints inside the range', () => {
      expect(verify(history.slice(50), [seal(50), seal(80), seal(120)], { start })).toMatchObject({ status: 'intact', treeSize: 120, sealedTreeSize: 120 });
    });

    it('reports a checkpoint from before the range as not covered', () => {
      expect(verify(history.slice(50), [seal(40)], { start })).toMatchObject({ kind: 'not-covered', checkpointIndex: 0 });
    });

    it('catches a change inside the range, bounded from the start of the range', () => {
      expect(verify(rewriteQuietly(history, 70).slice(50), [seal(120)], { start })).toMatchObject({
        kind: 'root-mismatch',
        changedRange: { afterTreeSize: 50, throughTreeSize: 120, afterPosition: null, throughPosition: history[119]!.globalPosition },
      });
    });
  });

  describe('with a checkpoint beyond the last leaf', () => {
    const proofs = new Map([[120, consistencyProof(leaves, 100)]]);

    it('seals the leaves through a consistency proof to that checkpoint', () => {
      expect(verify(history.slice(0, 100), [seal(40), seal(120)], { consistencyProofs: proofs })).toMatchObject({ status: 'intact', treeSize: 100, sealedTreeSize: 100 });
    });

    it('reports leaves that are not a prefix of that checkpoint', () => {
      const result = verify(rewriteQuietly(history, 90).slice(0, 100), [seal(40), seal(120)], { consistencyProofs: proofs });
      expect(result).toMatchObject({ kind: 'root-mismatch', checkpointIndex: 1, changedRange: { afterTreeSize: 40, throughTreeSize: 100 } });
    });
  });

  describe('over a log whose positions do not increase, as concurrent commits leave it', () => {
    const log = committedOutOfPositionOrder(history);
    const logLeaves = log.map((event) => eventLeafHash(event.globalPosition, event.hash));
    const sealLog = (treeSize: number) => signCheckpoint({ origin: ORIGIN, treeSize, rootHash: merkleRoot(logLeaves.slice(0, treeSize)) }, keys.signerKey);

    it('finds the log intact against checkpoints sealed over it in log order', () => {
      expect(positionDrops(log).length).toBeGreaterThan(10);
      expect(verify(log, [sealLog(40), sealLog(80), sealLog(120)])).toEqual({ status: 'intact', checkpoints: 3, treeSize: 120, sealedTreeSize: 120 });
    });

    it('catches the same events sorted back into position order: the order of the leaves is sealed too', () => {
      const sorted = [...log].sort((a, b) => a.globalPosition - b.globalPosition);
      expect(verify(sorted, [sealLog(40), sealLog(80), sealLog(120)])).toMatchObject({ kind: 'root-mismatch', checkpointIndex: 0 });
    });

    it('names the ends of a changed range by the positions of the events at those leaves', () => {
      const result = verify(rewriteQuietly(log, 60), [sealLog(40), sealLog(80)]);
      expect(result).toMatchObject({
        kind: 'root-mismatch',
        changedRange: { afterTreeSize: 40, throughTreeSize: 80, afterPosition: log[39]!.globalPosition, throughPosition: log[79]!.globalPosition },
      });
    });
  });
});
