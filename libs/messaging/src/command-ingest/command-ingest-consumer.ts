/**
 * Reads command submissions from the ingest topic and hands each one, in order, to a
 * handler. The guarantees the ledger relies on:
 *
 * - An offset is committed only after its message is handled (accepted, or rejected and
 *   safely on the dead-letter topic), in steps of up to 100 messages or 1 s. A crash at
 *   any point re-delivers, never skips; handlers must therefore be idempotent
 *   (submissions carry an idempotency key).
 * - A rejected message goes to the dead-letter topic with its reason, and the consumer
 *   moves on: one bad submission does not block the ones behind it.
 * - A thrown error means "not now" (the database is down, say): the same message is
 *   retried with growing pauses and nothing behind it in its partition is handled until
 *   it succeeds. Partitions are independent: several are handled at once.
 * - `stop()` lets the in-flight message finish; a message still failing is left
 *   uncommitted for the next consumer.
 *
 * Given `handleMany`, the messages a fetch brings are handed over in chunks rather than
 * one by one, so the ledger decides them together and their appends share transactions
 * (a partnership's messages still in order): a backlog drains at the rate of batched
 * submissions, not at one round trip per message. A chunk that fails is handled again
 * message by message, with the retries above.
 *
 * One instance runs once: after `stop()`, create a new one to consume again.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { ALL_IN_SYNC_REPLICAS } from '../kafka-client';
import { silentLogger, type MessagingLogger } from '../logger';
import { ReliableProducer } from '../reliable-producer';
import { deadLetterRecord } from './dead-letter';
import { toIngestMessage, type IngestBatchHandler, type IngestHandler, type IngestMessage, type IngestOutcome } from './ingest-message';
import { INGEST_SESSION_TIMEOUT_MS, retryDelayMs, type RetryPolicy } from './retry-policy';

/**
 * How long one fetch waits on an idle topic. `stop()` waits for the fetch in flight, so
 * this is shorter than kafkajs's 5 s default: a quick shutdown for one idle fetch a second.
 */
const IDLE_FETCH_WAIT_MS = 1_000;
/**
 * Partitions handled at once. Each partition stays strictly in order (a publisher keys a
 * partnership's submissions to one partition); several partitions in flight let their
 * submissions share the ledger's group commits instead of taking turns one message at a time.
 */
const PARTITIONS_IN_PARALLEL = 6;
/** Offsets are committed at least this often while a batch runs (see OffsetCommits). */
const COMMIT_EVERY = 100;
const COMMIT_AFTER_MS = 1_000;
/** Messages handed to `handleMany` at once: the ledger's batches gain little beyond this size. */
const MESSAGES_PER_CHUNK = 100;

export interface CommandIngestConsumerOptions {
  kafka: Kafka;
  groupId: string;
  /** The ingest topics, e.g. one per publisher (see `PublisherIngestConsumer`). */
  topics: string[];
  deadLetterTopic: string;
  handle: IngestHandler;
  /** Handles a chunk of one partition's messages at once; without it every message goes to `handle` alone. */
  handleMany?: IngestBatchHandler;
  logger?: MessagingLogger;
  retry?: RetryPolicy;
  /** Where a group without committed offsets starts; default true, so nothing sent before it existed is lost. */
  fromBeginning?: boolean;
}

export class CommandIngestConsumer {
  private readonly consumer: Consumer;
  private readonly deadLetters: ReliableProducer;
  private readonly logger: MessagingLogger;
  private readonly stopping = new AbortController();
  private gaveUp = false;

  constructor(private readonly options: CommandIngestConsumerOptions) {
    // Never create a topic by asking for it: ingest topics are provisioned, one per publisher.
    // A short session: a crashed ledger's partitions pass to its successor in 15 s, not kafkajs's default 30 s.
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      maxWaitTimeInMs: IDLE_FETCH_WAIT_MS,
      allowAutoTopicCreation: false,
      sessionTimeout: INGEST_SESSION_TIMEOUT_MS,
    });
    this.logger = options.logger ?? silentLogger;
    this.deadLetters = new ReliableProducer(options.kafka, this.logger);
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) this.gaveUp = true;
      this.logger.error({ groupId: options.groupId, err: payload.error, restart: payload.restart }, 'Ingest consumer crashed');
    });
  }

  /** True once kafkajs stopped consuming after a failure it does not retry: create a new consumer to go on. */
  get hasGivenUp(): boolean {
    return this.gaveUp;
  }

  async start(): Promise<void> {
    await this.deadLetters.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: PARTITIONS_IN_PARALLEL,
      eachBatch: (payload) => this.processBatch(payload),
    });
  }

  /** Resolves once the in-flight message is finished and the consumer has left its group. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.consumer.disconnect();
    await this.deadLetters.disconnect();
  }

  private async processBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const commits = new OffsetCommits((offset) =>
      commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset }] }] }),
    );
    const chunkSize = this.options.handleMany ? MESSAGES_PER_CHUNK : 1;
    try {
      for (let start = 0; start < batch.messages.length; start += chunkSize) {
        if (!isRunning() || isStale()) return;
        const chunk = batch.messages.slice(start, start + chunkSize).map((record) => toIngestMessage(batch.topic, batch.partition, record));
        const outcomes = await this.outcomesOfChunk(chunk);
        for (const [index, message] of chunk.entries()) {
          const outcome = outcomes?.[index];
          const handled = outcome ? await this.settledOrRetried(message, outcome, heartbeat) : await this.handleUntilDone(message, heartbeat);
          if (!handled) return;
          resolveOffset(message.offset);
          await commits.handled(message.offset);
          await heartbeat();
        }
      }
    } finally {
      // What was handled is committed even when the batch ends early; not after a rebalance took the partition.
      if (!isStale()) await commits.flush();
    }
  }

  /** Each message's outcome from `handleMany`; null when there is none or it failed (each message is then handled alone). */
  private async outcomesOfChunk(chunk: IngestMessage[]): Promise<IngestOutcome[] | null> {
    if (!this.options.handleMany || chunk.length < 2) return null;
    try {
      return await this.options.handleMany(chunk);
    } catch (error) {
      this.logger.warn(
        { ...whereFrom(chunk[0]!), messages: chunk.length, err: error },
        'Handling a chunk of ingest messages failed; each of them will be handled alone',
      );
      return null;
    }
  }

  /** A message `handleMany` already handled: done once a rejection is on the dead-letter topic; handled again alone if that fails. */
  private async settledOrRetried(message: IngestMessage, outcome: IngestOutcome, heartbeat: () => Promise<void>): Promise<boolean> {
    try {
      await this.settle(message, outcome);
      return true;
    } catch (error) {
      this.logger.warn({ ...whereFrom(message), err: error }, 'Settling an ingest message failed; the same message will be retried');
      return this.handleUntilDone(message, heartbeat);
    }
  }

  /** True once the message is handled; false when stopped while it kept failing. */
  private async handleUntilDone(message: IngestMessage, heartbeat: () => Promise<void>): Promise<boolean> {
    for (let failedAttempts = 1; ; failedAttempts += 1) {
      try {
        await this.handleOnce(message);
        if (failedAttempts > 1) this.logger.info({ ...whereFrom(message), failedAttempts: failedAttempts - 1 }, 'Ingest message handled after the failures before it');
        return true;
      } catch (error) {
        const delayMs = retryDelayMs(failedAttempts, this.options.retry);
        this.logger.warn(
          { ...whereFrom(message), failedAttempts, delayMs, err: error },
          'Handling an ingest message failed; the same message will be retried',
        );
        if (!(await this.pauseUnlessStopping(delayMs))) return false;
        await heartbeat();
      }
    }
  }

  private async handleOnce(message: IngestMessage): Promise<void> {
    await this.settle(message, await this.options.handle(message));
  }

  /** Nothing to do for an accepted message; a rejected one goes to the dead-letter topic. */
  private async settle(message: IngestMessage, outcome: IngestOutcome): Promise<void> {
    if (outcome.status === 'accepted') return;
    await this.deadLetters.send({
      topic: this.options.deadLetterTopic,
      acks: ALL_IN_SYNC_REPLICAS,
      messages: [deadLetterRecord(message, outcome.reason)],
    });
    this.logger.info(
      { ...whereFrom(message), code: outcome.reason.code, field: outcome.reason.field },
      'Ingest message rejected and sent to the dead-letter topic',
    );
  }

  private async pauseUnlessStopping(delayMs: number): Promise<boolean> {
    try {
      await sleep(delayMs, undefined, { signal: this.stopping.signal });
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * Commits a partition's offset after handled messages, but not one commit (a broker round
 * trip) per message: every COMMIT_EVERY messages or COMMIT_AFTER_MS, and at the end of the
 * batch. A crash in between re-delivers at most those messages, which the idempotency keys
 * make harmless; nothing is ever committed before it is handled.
 */
class OffsetCommits {
  private pending: string | null = null;
  private handledSinceCommit = 0;
  private lastCommitAt = Date.now();

  constructor(private readonly commit: (nextOffset: string) => Promise<void>) {}

  async handled(offset: string): Promise<void> {
    // Kafka's committed offset names the next message to read, hence + 1.
    this.pending = (BigInt(offset) + 1n).toString();
    this.handledSinceCommit += 1;
    if (this.handledSinceCommit >= COMMIT_EVERY || Date.now() - this.lastCommitAt >= COMMIT_AFTER_MS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending === null) return;
    const offset = this.pending;
    await this.commit(offset);
    if (this.pending === offset) this.pending = null;
    this.handledSinceCommit = 0;
    this.lastCommitAt = Date.now();
  }
}

function whereFrom({ topic, partition, offset }: IngestMessage): { topic: string; partition: number; offset: string } {
  return { topic, partition, offset };
}
