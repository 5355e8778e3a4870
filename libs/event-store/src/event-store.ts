/**
 * The ledger's source of truth: appends events to streams under optimistic concurrency,
 * links each stream's hash chain, remembers idempotency keys, and reads history back,
 * one stream at a time or as the global log in an order that never skips a late commit.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { DataSource, QueryRunner } from 'typeorm';
import { AppendGroup, refused, type AppendOutcome } from './append-group';
import { planAppends } from './append-plan';
import type { AppendRequest, AppendResult, IdempotencyClaim, StoredAppendResult } from './append-request';
import {
  createStreamHeads,
  insertEvents,
  lockStreamHeads,
  moveStreamHeads,
  recordIdempotencyKeys,
  type IdempotencyRecord,
  type TransactionQueries,
} from './append-statements';
import { ENVELOPE_TEXT_COLUMNS, EVENT_COLUMNS, toEnvelope, toPublishableEvent, type EnvelopeTextRow, type EventRow, type PublishableEvent } from './event-row';
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

/** Rolls the transaction back when another writer got there first; the group is then tried again. */
class ConcurrentWriteLost extends Error {
  constructor(readonly lostTo: 'stream-creation' | 'idempotency-key') {
    super(`A concurrent append won the ${lostTo}.`);
  }
}

/** COMMIT was sent but its answer never came: the group may or may not be recorded, so it must not be written again blindly. */
class CommitOutcomeUnknown extends Error {
  constructor(cause: unknown) {
    super(`The commit of an append group was not confirmed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Tries of one group after it lost a race (a stream creation, an idempotency key) to a concurrent writer. */
const MAX_GROUP_ATTEMPTS = 3;

export class EventStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** One append in its own transaction; throws what `appendMany` would answer for it. */
  async append(request: AppendRequest): Promise<AppendResult> {
    const [outcome] = await this.appendMany([request]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.result;
  }

  /**
   * Group commit: many appends, to one stream or many, in ONE transaction, each answered
   * on its own. In the order given, each request is checked against its stream as the
   * earlier requests of the group leave it; a stale expected version (or a key reused
   * for a different request) refuses that request only, and the others are recorded.
   * A request whose idempotency key was seen before (even earlier in the same group) is
   * answered with the first result and appends nothing.
   *
   * The stream heads are locked before anything is written (in stream id order, so
   * groups never deadlock), so appends to one stream queue behind each other and each
   * gets its transaction id only once it holds the head (readAll's commit order relies
   * on it). A lost race rolls the whole group back and tries it again; any other failure
   * before the commit tries each request alone, so one bad request cannot sink the rest.
   * Nothing is ever half applied.
   */
  async appendMany(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    const group = new AppendGroup(requests);
    for (let attempt = 1; group.pending.size > 0; attempt += 1) {
      await this.answerSeenKeys(group);
      if (group.pending.size === 0) break;
      try {
        await this.commitGroup(group);
      } catch (error) {
        if (error instanceof ConcurrentWriteLost && attempt < MAX_GROUP_ATTEMPTS) continue;
        if (error instanceof CommitOutcomeUnknown || group.pending.size === 1) group.refuseAllPending(error as Error);
        else await this.appendEachAlone(group);
      }
    }
    await this.replayRetriesThatLostToTheirOriginal(group);
    return group.outcomes();
  }

  async findByIdempotencyKey(key: string): Promise<{ requestHash: string; result: AppendResult } | null> {
    return (await this.findByIdempotencyKeys([key])).get(key) ?? null;
  }

  /** The stored result and request fingerprint of each key that was seen before, in one query. */
  async findByIdempotencyKeys(keys: readonly string[]): Promise<Map<string, { requestHash: string; result: AppendResult }>> {
    if (keys.length === 0) return new Map();
    const rows: { key: string; request_hash: string; result: StoredAppendResult }[] = await this.dataSource.query(
      'SELECT key, request_hash, result FROM ledger.idempotency_keys WHERE key = ANY($1::text[])',
      [keys],
    );
    return new Map(rows.map((row) => [row.key, { requestHash: row.request_hash, result: { ...row.result, replayed: true } }]));
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

  /**
   * The events of many streams after a version of each, in one query: what a writer
   * that caches states needs to bring them up to date. Streams with nothing newer are
   * absent from the answer. `limitPerStream` caps each stream's events (the first ones
   * after its version), so a caller can catch up on long histories page by page.
   */
  async readStreamsAfter(
    heads: readonly { streamId: string; afterVersion: number }[],
    limitPerStream: number | null = null,
  ): Promise<Map<string, EventEnvelope[]>> {
    const newer = new Map<string, EventEnvelope[]>();
    if (heads.length === 0) return newer;
    const rows: EventRow[] = await this.dataSource.query(
      // LATERAL: one index probe per stream, whatever the planner guesses of unnest's size.
      `SELECT ${EVENT_COLUMNS} FROM unnest($1::text[], $2::int[]) WITH ORDINALITY AS known(known_stream_id, after_version, ordinal)
       CROSS JOIN LATERAL (
         SELECT * FROM ledger.events e WHERE e.stream_id = known.known_stream_id AND e.stream_version > known.after_version
         ORDER BY e.stream_version LIMIT $3
       ) AS newer
       ORDER BY known.ordinal, newer.stream_version`,
      [heads.map((head) => head.streamId), heads.map((head) => head.afterVersion), limitPerStream],
    );
    for (const envelope of rows.map(toEnvelope)) {
      const events = newer.get(envelope.streamId);
      if (events) events.push(envelope);
      else newer.set(envelope.streamId, [envelope]);
    }
    return newer;
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
    return (await this.readCommitted<EventRow>(EVENT_COLUMNS, options)).map(toEnvelope);
  }

  /** What `readAll` returns, in the same order, each event as the relay publishes it: the envelope already as JSON text. */
  async readAllForPublishing(options: ReadAllOptions): Promise<PublishableEvent[]> {
    return (await this.readCommitted<EnvelopeTextRow>(ENVELOPE_TEXT_COLUMNS, options)).map(toPublishableEvent);
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

  /** Writes the group's pending requests in one transaction and settles each of them. */
  private async commitGroup(group: AppendGroup): Promise<void> {
    const recordedAt = this.clock().toISOString();
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const outcomes = await this.writeGroup(runner, group, recordedAt).catch(async (error: unknown) => {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      });
      await commitOrUnknown(runner);
      for (const [index, outcome] of outcomes) group.settle(index, outcome);
    } finally {
      await runner.release().catch(() => undefined);
    }
  }

  private async writeGroup(db: TransactionQueries, group: AppendGroup, recordedAt: string): Promise<Map<number, AppendOutcome>> {
    const { pending } = group;
    const heads = await lockStreamHeads(db, [...new Set([...pending.values()].map((request) => request.streamId))]);
    const plan = planAppends(pending, heads, recordedAt, group.chainBreaks());
    const outcomes = new Map<number, AppendOutcome>([...plan.refusals].map(([index, error]) => [index, refused(error)]));
    if (plan.appends.length === 0) return outcomes;
    if (!(await createStreamHeads(db, plan.createdStreams, recordedAt))) throw new ConcurrentWriteLost('stream-creation');
    await moveStreamHeads(db, plan.movedStreams, recordedAt);
    const recorded = await insertEvents(db, plan.appends, recordedAt);
    const keys: IdempotencyRecord[] = [];
    plan.appends.forEach(({ index, streamId, streamVersion }, position) => {
      const result: StoredAppendResult = { streamId, streamVersion, events: recorded[position]! };
      const claim = pending.get(index)!.idempotency;
      if (claim) keys.push({ claim, result });
      outcomes.set(index, { ok: true, result: { ...result, replayed: false } });
    });
    if (!(await recordIdempotencyKeys(db, keys, recordedAt))) throw new ConcurrentWriteLost('idempotency-key');
    return outcomes;
  }

  /**
   * After the group failed as a whole: each pending request in a group of its own, in
   * order, keeping the chain rule of `planAppends` (a stream's append after one that was
   * not written is refused when it names a version).
   */
  private async appendEachAlone(group: AppendGroup): Promise<void> {
    for (const [index, request] of [...group.pending]) {
      const chainBroken = (group.chainBreaks().get(request.streamId) ?? Infinity) < index;
      if (chainBroken && request.expectedVersion !== 'any') {
        const actual = await this.streamVersion(request.streamId);
        group.settle(index, refused(new WrongExpectedVersionError(request.streamId, request.expectedVersion, actual)));
        continue;
      }
      const [outcome] = await this.appendMany([request]);
      group.settle(index, outcome!);
    }
  }

  /** Answers pending requests whose key was recorded before: the stored result, or a refusal when the request differs. */
  private async answerSeenKeys(group: AppendGroup): Promise<void> {
    await this.answerFromStoredKeys(group, group.pendingClaims());
  }

  /**
   * A retry racing its original: the loser meets the winner's stream version and finds
   * the committed result under its key.
   */
  private async replayRetriesThatLostToTheirOriginal(group: AppendGroup): Promise<void> {
    await this.answerFromStoredKeys(group, group.conflictsWithClaims((error) => error instanceof WrongExpectedVersionError));
  }

  private async answerFromStoredKeys(group: AppendGroup, claims: Map<number, IdempotencyClaim>): Promise<void> {
    if (claims.size === 0) return;
    const stored = await this.findByIdempotencyKeys([...new Set([...claims.values()].map((claim) => claim.key))]);
    for (const [index, claim] of claims) {
      const seen = stored.get(claim.key);
      if (!seen) continue;
      group.settle(index, seen.requestHash === claim.requestHash ? { ok: true, result: seen.result } : refused(new IdempotencyKeyReusedError(claim.key)));
    }
  }

  private async readCommitted<Row>(columns: string, options: ReadAllOptions): Promise<Row[]> {
    const cursorTransaction = await this.transactionOf(options.afterPosition);
    return this.dataSource.query(
      `SELECT ${columns} FROM ledger.events
       WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint) AND ${FINISHED_TRANSACTIONS}
         AND ($3::bigint IS NULL OR global_position <= $3)
       ORDER BY transaction_id, global_position LIMIT $4`,
      [cursorTransaction, options.afterPosition, options.upToPosition ?? null, options.limit],
    );
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

async function commitOrUnknown(runner: QueryRunner): Promise<void> {
  try {
    await runner.commitTransaction();
  } catch (error) {
    throw new CommitOutcomeUnknown(error);
  }
}
