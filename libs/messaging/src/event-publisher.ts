/**
 * Publishes already-recorded events to a Kafka topic. The outbox relay depends only on
 * the `EventPublisher` shape, so it can be tested with a fake and run over kafkajs here.
 */
import type { Kafka } from 'kafkajs';
import { ALL_IN_SYNC_REPLICAS } from './kafka-client';
import type { MessagingLogger } from './logger';
import { ReliableProducer } from './reliable-producer';
import { sizeBoundedChunks } from './size-bounded-chunks';

/** Below Kafka's default `max.message.bytes` (1 MiB) with room for the batch's own header. */
export const DEFAULT_MAX_REQUEST_BYTES = 900_000;

export interface OutgoingMessage {
  /** Partitioning key: the stream id, so one stream's events stay in order. */
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface EventPublisher {
  /** Resolves once every message is durably on the topic, in the given order. */
  send(messages: OutgoingMessage[]): Promise<void>;
}

export interface KafkaEventPublisherOptions {
  kafka: Kafka;
  topic: string;
  /** Where a replaced producer is reported (see `ReliableProducer`). */
  logger?: MessagingLogger;
  /** Bytes of messages one produce request carries at most: the topic's `max.message.bytes` or less. */
  maxRequestBytes?: number;
}

export class KafkaEventPublisher implements EventPublisher {
  private readonly producer: ReliableProducer;

  constructor(private readonly options: KafkaEventPublisherOptions) {
    this.producer = new ReliableProducer(options.kafka, options.logger);
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  /** One request per size-bounded chunk, each sent once the one before is acknowledged, so the order holds. */
  async send(messages: OutgoingMessage[]): Promise<void> {
    for (const chunk of sizeBoundedChunks(messages, this.options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES)) {
      await this.producer.send({ topic: this.options.topic, acks: ALL_IN_SYNC_REPLICAS, messages: chunk });
    }
  }
}
