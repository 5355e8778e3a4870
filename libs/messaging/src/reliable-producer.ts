/**
 * The producer we trust with ledger events, and its recovery from lost producer state.
 *
 * An idempotent producer numbers its batches per partition; the broker refuses a batch
 * whose number is not the next one it expects. When the broker goes away mid-send and
 * comes back, kafkajs can be left a number ahead of the broker (OUT_OF_ORDER_SEQUENCE_NUMBER)
 * or hold a producer id the broker forgot (UNKNOWN_PRODUCER_ID) - and kafkajs does not
 * reset either, so every later send fails the same way, forever. The only way on is a new
 * producer: a new producer id, numbering from zero. The failed send is still thrown, so the
 * caller sends it again, in order; a message the broker did take before the failure is
 * then on the topic twice, which consumers already tolerate (at-least-once delivery).
 */
import { type Kafka, type Producer, type ProducerRecord, type RecordMetadata } from 'kafkajs';
import { cachingDefaultPartitioner } from './key-partition-cache';
import { silentLogger, type MessagingLogger } from './logger';

/** Errors after which the producer's idempotence state no longer matches the broker's. */
const LOST_PRODUCER_STATE = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_EPOCH', 'INVALID_PRODUCER_ID_MAPPING']);

/**
 * Idempotent and one request in flight: a retried send can neither duplicate a message
 * nor reorder two of them, so per-key order on the topic is the order of `send` calls.
 * The Java-compatible partitioner keeps a key on the same partition as Java clients put it
 * (remembered per key: the relay sends the same stream ids over and over).
 */
function createReliableProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: cachingDefaultPartitioner(),
  });
}

export class ReliableProducer {
  private producer: Producer;
  private connected = false;
  /** A replacement not connected yet (the broker was still away when it was made). */
  private replacementPending = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly logger: MessagingLogger = silentLogger,
  ) {
    this.producer = createReliableProducer(kafka);
  }

  async connect(): Promise<void> {
    await this.producer.connect();
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.connected = false;
    await this.producer.disconnect();
  }

  async send(record: ProducerRecord): Promise<RecordMetadata[]> {
    const producer = this.producer;
    try {
      if (this.replacementPending) {
        await producer.connect();
        this.replacementPending = false;
      }
      return await producer.send(record);
    } catch (error) {
      const lostState = lostProducerState(error);
      if (lostState && this.connected && this.producer === producer) await this.replaceProducer(lostState);
      throw error;
    }
  }

  private async replaceProducer(reason: string): Promise<void> {
    this.logger.warn({ reason }, 'The Kafka producer lost its idempotence state; a new producer replaces it');
    const old = this.producer;
    this.producer = createReliableProducer(this.kafka);
    await old.disconnect().catch(() => undefined);
    // Connecting fails while the broker is still away; the next send connects then.
    this.replacementPending = true;
    await this.producer
      .connect()
      .then(() => (this.replacementPending = false))
      .catch(() => undefined);
  }
}

/** The kafkajs error type naming lost producer state, found anywhere in the error's causes. */
function lostProducerState(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const { type, cause, originalError } = current as { type?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof type === 'string' && LOST_PRODUCER_STATE.has(type)) return type;
    current = cause ?? originalError;
  }
  return undefined;
}
