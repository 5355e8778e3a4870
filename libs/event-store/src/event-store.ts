/**
 * The ledger's source of truth: appends events to streams under optimistic concurrency,
 * links each stream's hash chain, remembers idempotency keys, and reads history back,
 * one stream at a time or as the global log in an order that never skips a late commit.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { GENESIS_HASH } from '@ledger/integrity';
import type { DataSource, EntityManager } from 'typeorm';
import {
  assertValidAppendRequest,
  type AppendRequest,
  type AppendResult,
  type IdempotencyClaim,
  type StoredAppendResult,
} from './append-request';
import {
  createStreamHead,
  insertEvents,
  lockStreamHead,
  moveStreamHead,
  recordIdempotencyKey,
} from './append-statements';
import { chainEvents } from './event-chain';
import { EVENT_COLUMNS, toEnvelope, type EventRow } from './event-row';
import { IdempotencyKeyReusedError, WrongExpectedVersionError } from './event-store.errors';

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
  limit?: number;
}

export interface ReadAllOptions {
  /** 0, or the `globalPosition` of the last event a previous `readAll` returned. */
  afterPosition: number;
  limit: number;
  upToPosition?: number;
}

/**
 * Transactions that are finished for every reader: all transaction ids below the
 * oldest one still running have committed or aborted.
 */
const FINISHED_TRANSACTIONS = 'transaction_id < pg_snapshot_xmin(pg_current_snapshot())';

/** Rolls the transaction back when another writer got there first; `append` decides what follows. */
class ConcurrentWriteLost extends Error {
  constructor(readonly lostTo: 'stream-creation' | 'idempotency-key') {
    super(`A concurrent append won the ${lostTo}.`);
  }
}

export class EventStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * One transaction: the stream head is locked before anything else is written, so
   * appends to one stream queue behind each other and each gets its transaction id
   * only once it holds the head (readAll's commit order relies on it). A lost race
   * rolls everything back: it is then retried, refused, or answered from the
   * idempotency key, never half applied.
   */
  async append(request: AppendRequest): Promise<AppendResult> {
    assertValidAppendRequest(request);
    const earlier = await this.replayOf(request.idempotency);
    if (earlier) return earlier;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction((manager) => this.appendWithin(manager, request));
      } catch (error) {
        const replay = await this.replayAfterConflict(request.idempotency, error);
        if (replay) return replay;
        if (!(error instanceof ConcurrentWriteLost)) throw error;
        // Left to settle: a lost stream creation. With 'any' the next attempt appends after the winner.
        if (request.expectedVersion === 'any') {
          if (attempt === 1) continue;
          throw error;
        }
        const actual = await this.streamVersion(request.streamId);
        throw new WrongExpectedVersionError(request.streamId, request.expectedVersion, actual);
      }
    }
  }

  async findByIdempotencyKey(key: string): Promise<{ requestHash: string; result: AppendResult } | null> {
    const rows: { request_hash: string; result: StoredAppendResult }[] = await this.dataSource.query(
      'SELECT request_hash, result FROM ledger.idempotency_keys WHERE key = $1',
      [key],
    );
    if (rows.length === 0) return null;
    return { requestHash: rows[0].request_hash, result: { ...rows[0].result, replayed: true } };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<EventEnvelope[]> {
    const { fromVersion = 1, toVersion = null, limit = null } = options;
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM ledger.events
       WHERE stream_id = $1 AND stream_version >= $2 AND ($3::int IS NULL OR stream_version <= $3)
       ORDER BY stream_version LIMIT $4`,
      [streamId, fromVersion, toVersion, limit],
    );
    return rows.map(toEnvelope);
  }

  async streamVersion(streamId: string): Promise<number> {
    const rows: { version: number }[] = await this.dataSource.query(
      'SELECT version FROM ledger.streams WHERE stream_id = $1',
      [streamId],
    );
    return rows[0]?.version ?? 0;
  }

  /**
   * The global log for readers that tail it (the outbox relay) or page through it.
   *
   * A position is taken from the identity when the row is inserted, long before the
   * commit, so transactions commit out of position order: while position 7 is still in
   * flight, 8 may already be visible. A reader that tails by position would pass 8 and
   * never return for 7. So only finished transactions are read (`transaction_id` below
   * the snapshot's xmin: whatever commits later has a higher id), in order of
   * transaction id, then position; the cursor resumes after the last event returned, at
   * its (transaction id, position). Order within a stream is kept, because an append
   * gets its transaction id only after it locks its stream's head.
   * The price: an open writing transaction anywhere on the server holds readers back
   * until it ends.
   */
  async readAll(options: ReadAllOptions): Promise<EventEnvelope[]> {
    const cursorTransaction = await this.transactionOf(options.afterPosition);
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM ledger.events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) AND ${FINISHED_TRANSACTIONS}
         AND ($3::bigint IS NULL OR global_position <= $3)
       ORDER BY transaction_id, global_position LIMIT $4`,
      [cursorTransaction, options.afterPosition, options.upToPosition ?? null, options.limit],
    );
    return rows.map(toEnvelope);
  }

  /** How many events `readAll` would still return after this cursor. */
  async countAll(options: Pick<ReadAllOptions, 'afterPosition'>): Promise<number> {
    const cursorTransaction = await this.transactionOf(options.afterPosition);
    const rows: { count: string }[] = await this.dataSource.query(
      `SELECT count(*) AS count FROM ledger.events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) AND ${FINISHED_TRANSACTIONS}`,
      [cursorTransaction, options.afterPosition],
    );
    return Number(rows[0].count);
  }

  /** Highest position of a finished transaction's event; 0 when there is none. */
  async headPosition(): Promise<number> {
    const rows: { head: string }[] = await this.dataSource.query(
      `SELECT coalesce(max(global_position), 0) AS head FROM ledger.events WHERE ${FINISHED_TRANSACTIONS}`,
    );
    return Number(rows[0].head);
  }

  private async appendWithin(manager: EntityManager, request: AppendRequest): Promise<AppendResult> {
    const { streamId, expectedVersion } = request;
    const head = await lockStreamHead(manager, streamId);
    const currentVersion = head?.version ?? 0;
    if (expectedVersion !== 'any' && expectedVersion !== currentVersion) {
      throw new WrongExpectedVersionError(streamId, expectedVersion, currentVersion);
    }
    const recordedAt = this.clock().toISOString();
    const chained = chainEvents(streamId, request.events, head ?? { version: 0, hash: GENESIS_HASH }, recordedAt);
    const newHead = { version: currentVersion + chained.length, hash: chained[chained.length - 1].hash };
    if (head) await moveStreamHead(manager, streamId, newHead, recordedAt);
    else if (!(await createStreamHead(manager, streamId, newHead, recordedAt))) throw new ConcurrentWriteLost('stream-creation');
    const events = await insertEvents(manager, streamId, chained, recordedAt);
    const result: StoredAppendResult = { streamId, streamVersion: newHead.version, events };
    if (request.idempotency && !(await recordIdempotencyKey(manager, request.idempotency, result, recordedAt))) {
      throw new ConcurrentWriteLost('idempotency-key');
    }
    return { ...result, replayed: false };
  }

  private async replayOf(claim: IdempotencyClaim | undefined): Promise<AppendResult | null> {
    if (!claim) return null;
    const stored = await this.findByIdempotencyKey(claim.key);
    if (!stored) return null;
    if (stored.requestHash !== claim.requestHash) throw new IdempotencyKeyReusedError(claim.key);
    return stored.result;
  }

  /**
   * A retry racing its original: the loser meets the winner's stream version, stream
   * creation or key, and finds the committed result under the key.
   */
  private async replayAfterConflict(claim: IdempotencyClaim | undefined, error: unknown): Promise<AppendResult | null> {
    const conflict = error instanceof ConcurrentWriteLost || error instanceof WrongExpectedVersionError;
    if (!claim || !conflict) return null;
    const replay = await this.replayOf(claim);
    if (!replay && error instanceof ConcurrentWriteLost && error.lostTo === 'idempotency-key') {
      throw new Error(`Idempotency key "${claim.key}" was taken by a transaction whose result cannot be read.`);
    }
    return replay;
  }

  /** The transaction id at a readAll cursor: 0 before the first event. */
  private async transactionOf(position: number): Promise<string> {
    if (position === 0) return '0';
    const rows: { transaction_id: string }[] = await this.dataSource.query(
      'SELECT transaction_id FROM ledger.events WHERE global_position = $1',
      [position],
    );
    if (rows.length === 0) {
      throw new Error(`readAll resumes after an event it returned, and no event has position ${position}.`);
    }
    return rows[0].transaction_id;
  }
}
