/**
 * Seals the global log into signed checkpoints, incrementally: each seal resumes the
 * Merkle tree from its stored compact range, appends the leaves of the events recorded
 * since the last seal (positions and hashes only, in commit order: the log's order, the
 * one `EventStore.readAll` returns, see committed-log.ts), signs the new root as a C2SP
 * checkpoint and stores checkpoint and tree state in one transaction. It never re-reads
 * what it sealed before, so the cost of a seal is the number of new events, however
 * long the ledger.
 *
 * Only events of transactions no one can still see in flight are read, so the prefix a
 * checkpoint seals can never change honestly: a late commit lands after it.
 * Several instances may run; a transaction-scoped advisory lock lets one seal at a time.
 */
import { eventLeafHash, MerkleTreeBuilder, signCheckpoint } from '@ledger/integrity';
import type { DataSource, QueryRunner } from 'typeorm';
import { AuditError } from '../audit-error';
import { START_OF_LOG, type CommittedLog } from '../log/committed-log';
import { readTreeState, storeSeal, type StoredCheckpoint, type TreeState } from './checkpoint-store';

export interface SealerOptions {
  dataSource: DataSource;
  log: CommittedLog;
  /** Secret C2SP signer key. */
  signerKey: string;
  /** The log's name, the first line of every checkpoint, e.g. `alignment-ledger.local/ledger`. */
  origin: string;
  /** Events one checkpoint may add at most; a long backlog becomes several checkpoints. */
  maxEventsPerCheckpoint: number;
  pageSize?: number;
  clock?: () => Date;
}

export interface SealOutcome {
  checkpoint: StoredCheckpoint;
  /** Events this seal added. */
  events: number;
}

const SEALER_LOCK = 'alignment-ledger:audit-sealer';
const DEFAULT_PAGE_SIZE = 10_000;

export class Sealer {
  constructor(private readonly options: SealerOptions) {}

  /** One checkpoint over the events recorded since the last; null when there are none. */
  async sealNext(): Promise<SealOutcome | null> {
    const runner = this.options.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const outcome = await this.sealWithin(runner);
      if (outcome) await runner.commitTransaction();
      else await runner.rollbackTransaction();
      return outcome;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** Seals until nothing new is left; the checkpoints made, oldest first. */
  async sealAll(): Promise<SealOutcome[]> {
    const outcomes: SealOutcome[] = [];
    for (let outcome = await this.sealNext(); outcome; outcome = await this.sealNext()) outcomes.push(outcome);
    return outcomes;
  }

  private async sealWithin(runner: QueryRunner): Promise<SealOutcome | null> {
    await runner.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEALER_LOCK]);
    const sealed = await readTreeState(runner, true);
    const extended = await this.extend(sealed);
    const events = extended.size - sealed.size;
    if (events === 0) return null;
    const { origin, signerKey, clock = () => new Date() } = this.options;
    const rootHash = MerkleTreeBuilder.fromCompactRange(extended).root();
    const checkpoint = {
      treeSize: extended.size,
      rootHash,
      lastPosition: extended.lastPosition,
      signedNote: signCheckpoint({ origin, treeSize: extended.size, rootHash }, signerKey),
    };
    const at = clock();
    await storeSeal(runner, extended, checkpoint, at);
    return { checkpoint: { ...checkpoint, createdAt: at.toISOString() }, events };
  }

  /** The tree after appending up to `maxEventsPerCheckpoint` new events. */
  private async extend(sealed: TreeState): Promise<TreeState> {
    const { log, maxEventsPerCheckpoint, pageSize = DEFAULT_PAGE_SIZE } = this.options;
    const after = sealed.size === 0 ? START_OF_LOG : await log.cursorOf(sealed.lastPosition);
    if (!after) {
      throw new AuditError(
        'conflict',
        'audit.sealed-event-missing',
        `The last sealed event (global position ${sealed.lastPosition}) is no longer in the log: sealing stops. Run a verification.`,
      );
    }
    const tree = MerkleTreeBuilder.fromCompactRange(sealed);
    let lastPosition = sealed.lastPosition;
    for await (const page of log.leaves({ after, limit: maxEventsPerCheckpoint, pageSize })) {
      for (const entry of page.items) tree.append(eventLeafHash(entry.globalPosition, entry.hash));
      lastPosition = page.last.position;
    }
    return { ...tree.compactRange(), lastPosition };
  }
}
