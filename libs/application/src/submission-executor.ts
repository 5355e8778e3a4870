/**
 * The write path of the ledger: submissions in, events durably recorded out.
 *
 *   load partnership -> access check -> decide (domain) -> append (idempotency checked there)
 *
 * Both transports (HTTP and the Kafka ingest topic) call this, so the rules, the access
 * policy (who may write for which partnership), the idempotency and the concurrency
 * behaviour are the same whichever way a system publishes. The actor recorded in every
 * envelope is the authenticated account, never a field of the request.
 *
 * Submissions for the same partnership are serialised in-process; across processes the
 * event store's optimistic concurrency decides, and a conflict the caller did not ask
 * for (no expected version) is retried on fresh state. A single submission is decided
 * on the state this process last saw, so the common case costs no read at all. Appends
 * of different partnerships share transactions (group commit), which is what lets many
 * concurrent single submissions go fast.
 */
import { partnershipStreamId } from '@ledger/contracts';
import { decidePartnership, evolvePartnership, type PartnershipState } from '@ledger/domain';
import { IdempotencyKeyReusedError, WrongExpectedVersionError, type AppendRequest, type AppendResult, type EventStore } from '@ledger/event-store';
import DataLoader from 'dataloader';
import { GroupCommit, type GroupCommitOptions } from './group-commit';
import { KeyedSerializer } from './keyed-serializer';
import type { LoadedPartnership, PartnershipRepository } from './partnership-repository';
import { toCommandResult, toNewEvents } from './recorded-submission';
import { submissionRequestHash } from './request-hash';
import type { ExecutionOutcome, SubmissionOutcome, SubmissionRequest } from './submission-request';
import { AccessDeniedError, type Actor, type WriteAccessPolicy } from './write-access';

export interface SubmissionExecutorOptions {
  clock?: () => Date;
  /** Attempts after a conflict with a concurrent writer, when the caller set no expected version. */
  maxConflictRetries?: number;
  groupCommit?: GroupCommitOptions;
}

type StoredKey = { requestHash: string; result: AppendResult };
type StoredKeys = Map<string, StoredKey>;

interface LanePlan {
  decided: DecidedSubmission[];
  /** Position of a submission repeating an earlier one of the lane -> position of that one. */
  repeats: Map<number, number>;
}

/** A submission of a batch decided in memory, waiting for its append. */
interface DecidedSubmission {
  position: number;
  append: AppendRequest;
  /** The partnership as this submission leaves it. */
  after: LoadedPartnership;
}

export class SubmissionExecutor {
  private readonly serializer = new KeyedSerializer();
  private readonly groupCommit: GroupCommit;
  /** Idempotency keys looked up in the same turn share one query, as loads do (see PartnershipRepository). */
  private readonly storedKeys: DataLoader<string, StoredKey | null>;
  private readonly clock: () => Date;
  private readonly maxConflictRetries: number;

  constructor(
    private readonly eventStore: EventStore,
    private readonly repository: PartnershipRepository,
    private readonly access: WriteAccessPolicy,
    options: SubmissionExecutorOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.maxConflictRetries = options.maxConflictRetries ?? 3;
    this.groupCommit = new GroupCommit(eventStore, options.groupCommit);
    this.storedKeys = new DataLoader(
      async (keys) => {
        const stored = await eventStore.findByIdempotencyKeys(keys);
        return keys.map((key) => stored.get(key) ?? null);
      },
      { cache: false, maxBatchSize: 1000 },
    );
  }

  execute(request: SubmissionRequest, actor: Actor): Promise<ExecutionOutcome> {
    const streamId = partnershipStreamId(request.partnershipId);
    return this.serializer.run(streamId, () => this.executeOne(streamId, request, actor));
  }

  /**
   * Many submissions, each recorded or refused on its own, answered in the order given.
   * Those of one partnership are decided one after another, each on the state the one
   * before leaves, and appended together; different partnerships proceed concurrently
   * and share transactions. The outcome is the same as `execute` one by one, in order
   * per partnership.
   */
  async executeAll(requests: readonly SubmissionRequest[], actor: Actor): Promise<SubmissionOutcome[]> {
    const outcomes = new Array<SubmissionOutcome>(requests.length);
    const lanes = new Map<string, number[]>();
    requests.forEach((request, index) => {
      const streamId = partnershipStreamId(request.partnershipId);
      lanes.set(streamId, [...(lanes.get(streamId) ?? []), index]);
    });
    await Promise.all(
      [...lanes].map(([streamId, indexes]) =>
        this.serializer.run(streamId, async () => {
          const laneOutcomes = await this.executeLane(streamId, indexes.map((index) => requests[index]!), actor);
          laneOutcomes.forEach((outcome, position) => (outcomes[indexes[position]!] = outcome));
        }),
      ),
    );
    return outcomes;
  }

  /**
   * Decides on the state this process last left the partnership in, without asking the
   * store: the append names that version, so a decision made on a state another process
   * has moved past is refused by the store and made again on fresh state. A refusal is
   * only ever answered on fresh state, and only then is the idempotency key looked up
   * (a retry the rules now refuse is the original's replay); on the happy path the
   * append itself answers a seen key from the stored result.
   */
  private async executeOne(streamId: string, request: SubmissionRequest, actor: Actor): Promise<ExecutionOutcome> {
    const requestHash = submissionRequestHash(request);
    let known = this.repository.lastKnown(streamId);
    let loaded = known ?? (await this.repository.load(streamId));
    for (let conflicts = 0; ; ) {
      let decided;
      try {
        this.access.assertMayWrite({ actor, partnershipId: request.partnershipId, command: request.command, state: loaded.state });
        decided = this.decide(streamId, loaded, request, actor, requestHash);
      } catch (refusal) {
        if (known) {
          // What this process last saw is a true state at its version: catching up from it is fresh.
          known = undefined;
          loaded = await this.repository.load(streamId);
          continue;
        }
        if (refusal instanceof AccessDeniedError) throw refusal;
        const earlier = await this.replayIfSeen(request.idempotencyKey, requestHash);
        if (earlier) return earlier;
        throw refusal;
      }
      const appended = await this.groupCommit.append(decided.append);
      if (appended.ok) return this.settle(streamId, appended.result, decided.after);
      const retry = appended.error instanceof WrongExpectedVersionError && request.expectedVersion === undefined;
      this.repository.forget(streamId);
      if (!retry || conflicts >= this.maxConflictRetries) throw appended.error;
      conflicts += 1;
      known = undefined;
      loaded = await this.repository.load(streamId);
    }
  }

  /** One partnership's submissions of a batch: decided in order, appended as one chain. */
  private async executeLane(streamId: string, lane: readonly SubmissionRequest[], actor: Actor): Promise<SubmissionOutcome[]> {
    const outcomes = new Array<SubmissionOutcome>(lane.length);
    let plan: LanePlan;
    try {
      const loaded = await this.repository.load(streamId);
      plan = this.decideLane(streamId, loaded, lane, actor, await this.storedKeysOf(lane), outcomes);
    } catch (error) {
      return lane.map(() => ({ ok: false, error }));
    }
    const firstConflict = await this.appendLane(streamId, lane, plan.decided, outcomes);
    if (firstConflict !== undefined) {
      // Everything from the conflict on was decided on a state that never came to be.
      this.repository.forget(streamId);
      for (let position = firstConflict; position < lane.length; position += 1) {
        if (plan.repeats.has(position)) continue;
        outcomes[position] = await this.executeOneSettled(streamId, lane[position]!, actor);
      }
    }
    for (const [position, original] of plan.repeats) outcomes[position] = asReplay(outcomes[original]!);
    return outcomes;
  }

  /** Appends the decided chain and settles each link; answers the first position that met a concurrent writer, if any. */
  private async appendLane(
    streamId: string,
    lane: readonly SubmissionRequest[],
    decided: DecidedSubmission[],
    outcomes: SubmissionOutcome[],
  ): Promise<number | undefined> {
    if (decided.length === 0) return undefined;
    let appended;
    try {
      appended = await this.groupCommit.appendChain(decided.map(({ append }) => append));
    } catch (error) {
      this.repository.forget(streamId);
      for (const { position } of decided) outcomes[position] = { ok: false, error };
      return undefined;
    }
    let firstConflict: number | undefined;
    let allWritten = true;
    decided.forEach(({ position, after }, link) => {
      const outcome = appended[link]!;
      allWritten &&= outcome.ok && !outcome.result.replayed;
      if (outcome.ok) outcomes[position] = { ok: true, outcome: this.settle(streamId, outcome.result, after) };
      else if (outcome.error instanceof WrongExpectedVersionError && lane[position]!.expectedVersion === undefined) firstConflict ??= position;
      else outcomes[position] = { ok: false, error: outcome.error };
    });
    if (!allWritten) this.repository.forget(streamId);
    return firstConflict;
  }

  /**
   * Decides each submission of the lane on the state the ones before it leave; a refused
   * submission leaves the state as it was. Fills `outcomes` for those settled without an
   * append (refused, or replayed from a stored key); a submission repeating an earlier
   * one of the lane (same key, same request) is answered as its replay at the end.
   */
  private decideLane(
    streamId: string,
    loaded: LoadedPartnership,
    lane: readonly SubmissionRequest[],
    actor: Actor,
    storedKeys: StoredKeys,
    outcomes: SubmissionOutcome[],
  ): LanePlan {
    const plan: LanePlan = { decided: [], repeats: new Map() };
    const keysOfLane = new Map<string, { requestHash: string; position: number }>();
    let current = loaded;
    lane.forEach((request, position) => {
      try {
        this.access.assertMayWrite({ actor, partnershipId: request.partnershipId, command: request.command, state: current.state });
        const requestHash = submissionRequestHash(request);
        const key = request.idempotencyKey;
        const seen = key === undefined ? undefined : (storedKeys.get(key) ?? keysOfLane.get(key));
        if (seen) {
          if (seen.requestHash !== requestHash) throw new IdempotencyKeyReusedError(key!);
          if ('result' in seen) outcomes[position] = { ok: true, outcome: { result: toCommandResult(seen.result), replayed: true } };
          else plan.repeats.set(position, seen.position);
          return;
        }
        const submission = this.decide(streamId, current, request, actor, requestHash);
        plan.decided.push({ position, ...submission });
        if (key !== undefined) keysOfLane.set(key, { requestHash, position });
        current = submission.after;
      } catch (error) {
        outcomes[position] = { ok: false, error };
      }
    });
    return plan;
  }

  private async executeOneSettled(streamId: string, request: SubmissionRequest, actor: Actor): Promise<SubmissionOutcome> {
    try {
      return { ok: true, outcome: await this.executeOne(streamId, request, actor) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private async storedKeysOf(lane: readonly SubmissionRequest[]): Promise<StoredKeys> {
    const keys = [...new Set(lane.flatMap((request) => (request.idempotencyKey ? [request.idempotencyKey] : [])))];
    const stored = new Map<string, StoredKey>();
    if (keys.length === 0) return stored;
    (await this.storedKeys.loadMany(keys)).forEach((found, index) => {
      if (found instanceof Error) throw found;
      if (found) stored.set(keys[index]!, found);
    });
    return stored;
  }

  private async replayIfSeen(key: string | undefined, requestHash: string): Promise<ExecutionOutcome | null> {
    if (!key) return null;
    const stored = await this.storedKeys.load(key);
    if (!stored) return null;
    if (stored.requestHash !== requestHash) throw new IdempotencyKeyReusedError(key);
    return { result: toCommandResult(stored.result), replayed: true };
  }

  /** Throws the domain's refusal, or a stale expected version the caller named. */
  private decide(streamId: string, loaded: LoadedPartnership, request: SubmissionRequest, actor: Actor, requestHash: string) {
    if (request.expectedVersion !== undefined && request.expectedVersion !== loaded.version) {
      throw new WrongExpectedVersionError(streamId, request.expectedVersion, loaded.version);
    }
    const now = this.clock();
    const events = decidePartnership(request.command, loaded.state, { now });
    const append: AppendRequest = {
      streamId,
      expectedVersion: loaded.version,
      events: toNewEvents(events, request, actor.accountId, now),
      idempotency: request.idempotencyKey ? { key: request.idempotencyKey, requestHash } : undefined,
    };
    const state: PartnershipState = events.reduce(evolvePartnership, loaded.state);
    return { append, after: { state, version: loaded.version + events.length } };
  }

  private settle(streamId: string, appended: AppendResult, after: LoadedPartnership): ExecutionOutcome {
    if (!appended.replayed) this.repository.remember(streamId, after);
    return { result: toCommandResult(appended), replayed: appended.replayed };
  }
}

function asReplay(outcome: SubmissionOutcome): SubmissionOutcome {
  return outcome.ok ? { ok: true, outcome: { ...outcome.outcome, replayed: true } } : outcome;
}
