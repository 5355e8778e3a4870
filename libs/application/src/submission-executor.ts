/**
 * The write path of the ledger: one submission in, events durably recorded out.
 *
 *   idempotency check -> load partnership -> decide (domain) -> append (one transaction)
 *
 * Both transports (HTTP and the Kafka ingest topic) call this, so the rules, the
 * idempotency and the concurrency behaviour are the same whichever way a system
 * publishes. Submissions for the same partnership are serialised in-process; across
 * processes the event store's optimistic concurrency decides, and a conflict the
 * caller did not ask for (no expected version) is retried on fresh state.
 */
import { randomUUID } from 'node:crypto';
import {
  EVENT_SCHEMA_VERSIONS,
  partnershipIdOfStream,
  partnershipStreamId,
  type CommandResult,
  type EventMetadata,
  type PartnershipEvent,
} from '@ledger/contracts';
import { decidePartnership, evolvePartnership, type PartnershipCommand } from '@ledger/domain';
import {
  IdempotencyKeyReusedError,
  WrongExpectedVersionError,
  type AppendResult, type EventStore, type NewEvent } from '@ledger/event-store';
import { KeyedSerializer } from './keyed-serializer';
import type { LoadedPartnership, PartnershipRepository } from './partnership-repository';
import { submissionRequestHash } from './request-hash';

export interface SubmissionRequest {
  partnershipId: string;
  command: PartnershipCommand;
  idempotencyKey?: string;
  expectedVersion?: number;
  /** Business time (ISO 8601); the ledger's clock when absent. */
  occurredAt?: string;
  sourceSystem?: string;
  correlationId?: string;
  causationId?: string;
}

export interface ExecutionOutcome {
  result: CommandResult;
  /** True when the idempotency key was seen before and nothing new was recorded. */
  replayed: boolean;
}

export interface SubmissionExecutorOptions {
  clock?: () => Date;
  /** Attempts after a conflict with a concurrent writer, when the caller set no expected version. */
  maxConflictRetries?: number;
}

const UNKNOWN_SOURCE_SYSTEM = 'unspecified';

export class SubmissionExecutor {
  private readonly serializer = new KeyedSerializer();
  private readonly clock: () => Date;
  private readonly maxConflictRetries: number;

  constructor(
    private readonly eventStore: EventStore,
    private readonly repository: PartnershipRepository,
    options: SubmissionExecutorOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.maxConflictRetries = options.maxConflictRetries ?? 3;
  }

  execute(request: SubmissionRequest, actor: string): Promise<ExecutionOutcome> {
    const streamId = partnershipStreamId(request.partnershipId);
    return this.serializer.run(streamId, () => this.executeSerially(streamId, request, actor));
  }

  private async executeSerially(streamId: string, request: SubmissionRequest, actor: string): Promise<ExecutionOutcome> {
    const requestHash = submissionRequestHash(request);
    const earlier = await this.replayIfSeen(request.idempotencyKey, requestHash);
    if (earlier) return earlier;

    for (let attempt = 0; ; attempt += 1) {
      const loaded = await this.repository.load(streamId);
      try {
        return await this.decideAndAppend(streamId, loaded, request, actor, requestHash);
      } catch (error) {
        const retry = error instanceof WrongExpectedVersionError && request.expectedVersion === undefined;
        if (!retry || attempt >= this.maxConflictRetries) throw error;
        this.repository.forget(streamId);
      }
    }
  }

  private async replayIfSeen(key: string | undefined, requestHash: string): Promise<ExecutionOutcome | null> {
    if (!key) return null;
    const stored = await this.eventStore.findByIdempotencyKey(key);
    if (!stored) return null;
    if (stored.requestHash !== requestHash) throw new IdempotencyKeyReusedError(key);
    return { result: toCommandResult(stored.result), replayed: true };
  }

  private async decideAndAppend(
    streamId: string,
    loaded: LoadedPartnership,
    request: SubmissionRequest,
    actor: string,
    requestHash: string,
  ): Promise<ExecutionOutcome> {
    const now = this.clock();
    if (request.expectedVersion !== undefined && request.expectedVersion !== loaded.version) {
      throw new WrongExpectedVersionError(streamId, request.expectedVersion, loaded.version);
    }
    const events = decidePartnership(request.command, loaded.state, { now });
    const appended = await this.eventStore.append({
      streamId,
      expectedVersion: loaded.version,
      events: events.map((event) => toNewEvent(event, request, actor, now)),
      idempotency: request.idempotencyKey ? { key: request.idempotencyKey, requestHash } : undefined,
    });
    if (!appended.replayed) {
      this.repository.remember(streamId, {
        state: events.reduce(evolvePartnership, loaded.state),
        version: appended.streamVersion,
      });
    }
    return { result: toCommandResult(appended), replayed: appended.replayed };
  }
}

function toNewEvent(event: PartnershipEvent, request: SubmissionRequest, actor: string, now: Date): NewEvent {
  const commandId = randomUUID();
  const metadata: EventMetadata = {
    actor,
    sourceSystem: request.sourceSystem ?? UNKNOWN_SOURCE_SYSTEM,
    correlationId: request.correlationId ?? request.idempotencyKey ?? commandId,
    causationId: request.causationId ?? request.idempotencyKey ?? commandId,
  };
  return {
    eventId: randomUUID(),
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
    data: event.data,
    occurredAt: request.occurredAt ? new Date(request.occurredAt) : now,
    metadata,
  };
}

function toCommandResult(appended: Omit<AppendResult, 'replayed'>): CommandResult {
  return {
    partnershipId: partnershipIdOfStream(appended.streamId) ?? appended.streamId, streamId: appended.streamId, streamVersion: appended.streamVersion, events: appended.events };
}
