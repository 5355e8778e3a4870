/**
 * Feeds one projection from the ledger events topic: one kafkajs consumer per process,
 * in the projection's consumer group, so the instances of a projector split the
 * partitions between them.
 *
 * Each fetched batch is applied in chunks of `batchSize` events; each chunk is one
 * Postgres transaction (rows, stream positions, partition offset: `ProjectionWriter`),
 * and only after it commits is the Kafka offset committed. A crash between the two
 * re-delivers the chunk, and the stored stream versions absorb it; so do the relay's
 * duplicates and a rebalance's re-deliveries. The effect is exactly once.
 *
 * A message that is not an event envelope, an event the projection cannot read, or a
 * gap the event store cannot fill stops the consumer with the reason (and the events
 * before it applied): views must be complete, so nothing is skipped. Anything else
 * (the database briefly away, a rebalance) fails the batch, and kafkajs delivers it again.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { MessagingLogger } from '@ledger/messaging';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { Pool } from 'pg';
import { ProjectionError } from '../facts/projection-error';
import type { QueryFunction } from '../row-changes/row-change-applier';
import { decodeEnvelope } from './envelope-decoder';
import type { ProjectionWriter } from './projection-writer';
import { ProjectorError } from './projector-error';

/** How long an idle fetch waits: `stop()` waits for it, so shorter than kafkajs's 5 s. */
const IDLE_FETCH_WAIT_MS = 1_000;
/** Heartbeats while one transaction runs (a rebuild's switch may hold it up), well inside the session timeout. */
const HEARTBEAT_EVERY_MS = 3_000;
/**
 * How long the group waits for a silent member before handing its partitions on: a
 * SIGKILLed instance's partitions stand still this long. kafkajs's default is 30 s; the
 * heartbeats above keep a busy member well inside 10 s.
 */
const SESSION_TIMEOUT_MS = 10_000;

export interface ProjectionConsumerOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly groupId: string;
  readonly pool: Pool;
  /** Writes the live schema (`shared: true`). */
  readonly writer: ProjectionWriter;
  /** Events per Postgres transaction. */
  readonly batchSize: number;
  readonly logger: MessagingLogger;
}

export type ConsumerState = 'created' | 'running' | 'stopped' | 'failed';

export interface ConsumerStatus {
  readonly state: ConsumerState;
  /** Why the consumer stopped by itself. */
  readonly failure?: { readonly code: string; readonly message: string; readonly field?: string };
}

export class ProjectionConsumer {
  private readonly consumer: Consumer;
  private status: ConsumerStatus = { state: 'created' };

  constructor(private readonly options: ProjectionConsumerOptions) {
    this.consumer = options.kafka.consumer({ groupId: options.groupId, maxWaitTimeInMs: IDLE_FETCH_WAIT_MS, sessionTimeout: SESSION_TIMEOUT_MS });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) =>
      options.logger.error({ groupId: options.groupId, err: payload.error, restart: payload.restart }, 'Projection consumer crashed'),
    );
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    // A new group reads the topic from its start: the stored versions drop what a view already holds.
    await this.consumer.subscribe({ topics: [this.options.topic], fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.consume(payload) });
    this.status = { state: 'running' };
  }

  /** Lets the chunk in flight commit (rows, then offset), then leaves the group. */
  async stop(): Promise<void> {
    await this.consumer.disconnect();
    if (this.status.state !== 'failed') this.status = { state: 'stopped' };
  }

  currentStatus(): ConsumerStatus {
    return this.status;
  }

  private async consume(payload: EachBatchPayload): Promise<void> {
    const client = await this.options.pool.connect();
    let broken: unknown;
    try {
      const query: QueryFunction = (sql, params) => client.query(sql, params);
      for (let start = 0; start < payload.batch.messages.length; start += this.options.batchSize) {
        if (!payload.isRunning() || payload.isStale()) return;
        const messages = payload.batch.messages.slice(start, start + this.options.batchSize);
        const { events, invalid } = this.decode(payload, messages);
        if (events.length > 0) await this.applyChunk(payload, query, events, messages[events.length - 1]);
        if (invalid) throw invalid;
      }
    } catch (error) {
      if (!isFatal(error)) {
        broken = error;
        throw error;
      }
      this.fail(payload, error);
    } finally {
      // After a failure the session may be dead or mid-transaction: the pool closes it rather than lend it again.
      client.release(broken === undefined ? undefined : true);
    }
  }

  /** The envelopes up to the first message that is none, and the error that one raised. */
  private decode({ batch }: EachBatchPayload, messages: KafkaMessage[]): { events: EventEnvelope[]; invalid?: ProjectorError } {
    const events: EventEnvelope[] = [];
    for (const message of messages) {
      try {
        events.push(decodeEnvelope(message.value, { topic: batch.topic, partition: batch.partition, offset: message.offset }));
      } catch (error) {
        return { events, invalid: error as ProjectorError };
      }
    }
    return { events };
  }

  private async applyChunk(
    { batch, heartbeat, commitOffsetsIfNecessary, resolveOffset }: EachBatchPayload,
    query: QueryFunction,
    events: EventEnvelope[],
    lastMessage: KafkaMessage,
  ): Promise<void> {
    // Kafka's committed offset names the next message to read, hence + 1.
    const nextOffset = (BigInt(lastMessage.offset) + 1n).toString();
    const progress = { topic: batch.topic, partition: batch.partition, nextOffset, lastRecordedAt: events[events.length - 1].recordedAt };
    const outcome = await whileHeartbeating(heartbeat, () => this.options.writer.writeInTransaction(query, events, progress));
    await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: nextOffset }] }] });
    resolveOffset(lastMessage.offset);
    await heartbeat();
    if (outcome.duplicates > 0 || outcome.gapFilled > 0) {
      this.options.logger.info({ schema: this.options.writer.schema, partition: batch.partition, nextOffset, ...outcome }, 'Projection batch applied');
    }
  }

  /** Stops fetching at once and leaves the group once the batch has returned: `stop()` waits for the batch. */
  private fail({ batch }: EachBatchPayload, error: ProjectorError | ProjectionError): void {
    const failure = { code: error.code, message: error.message, field: error.field };
    this.status = { state: 'failed', failure };
    this.options.logger.error({ topic: batch.topic, partition: batch.partition, schema: this.options.writer.schema, ...failure }, 'Projection consumer stopped');
    this.consumer.pause([{ topic: batch.topic }]);
    setImmediate(() => void this.consumer.stop().catch((stopError: unknown) => this.options.logger.error({ err: stopError }, 'Stopping the projection consumer failed')));
  }
}

function isFatal(error: unknown): error is ProjectorError | ProjectionError {
  return error instanceof ProjectorError || error instanceof ProjectionError;
}

async function whileHeartbeating<T>(heartbeat: () => Promise<void>, work: () => Promise<T>): Promise<T> {
  // A failed heartbeat (a rebalance) shows again in the heartbeat after the work, which lets it propagate.
  const timer = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_EVERY_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
