/**
 * Runs the outbox relay inside the service's lifecycle: publishing starts once the
 * topic exists, and SIGTERM lets the batch in flight finish and its position be
 * stored before the process exits.
 */
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore, OutboxRelay, type RelayLag } from '@ledger/event-store';
import { ensureTopics, KafkaEventPublisher } from '@ledger/messaging';
import { createLogger } from '@ledger/platform';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { RelayConfig } from './relay.config';

@Injectable()
export class RelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly publisher: KafkaEventPublisher;
  private readonly relay: OutboxRelay;

  constructor(
    private readonly config: RelayConfig,
    private readonly kafka: Kafka,
    dataSource: DataSource,
    eventStore: EventStore,
  ) {
    const logger = createLogger('outbox-relay');
    this.publisher = new KafkaEventPublisher({ kafka, topic: config.ledgerEventsTopic, logger, maxRequestBytes: config.maxSendBytes });
    this.relay = new OutboxRelay({
      eventStore,
      dataSource,
      producer: this.publisher,
      topic: config.ledgerEventsTopic,
      batchSize: config.batchSize,
      logger,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await ensureTopics(this.kafka, [{ topic: this.config.ledgerEventsTopic, numPartitions: this.config.topicPartitions }]);
    await this.publisher.connect();
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.publisher.disconnect();
  }

  lag(): Promise<RelayLag> {
    return this.relay.lag();
  }

  isActive(): boolean {
    return this.relay.isActive();
  }
}
