/**
 * The ledger's Kafka side: the topics it owns (created when missing), and the consumer
 * of the publishers' ingest topics (one per publisher principal, created when the
 * principal is provisioned), started with the service and stopped gracefully (the
 * in-flight message finishes, its offset is committed) on shutdown.
 */
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { Authenticator } from '@ledger/auth';
import { createKafka, ensureTopics, PublisherIngestConsumer, type MessagingLogger } from '@ledger/messaging';
import { createLogger } from '@ledger/platform';
import { Kafka } from 'kafkajs';
import { CommandGateway } from '../commands/command-gateway';
import { createCommandIngestHandlers } from '../commands/kafka/command-ingest.message-handler';
import { LedgerConfig } from '../ledger.config';

export const LEDGER_LOGGER = Symbol('LEDGER_LOGGER');

export const kafkaProviders: Provider[] = [
  { provide: LEDGER_LOGGER, useFactory: () => createLogger('ledger') },
  {
    provide: Kafka,
    inject: [LedgerConfig, LEDGER_LOGGER],
    useFactory: (config: LedgerConfig, logger: MessagingLogger) =>
      createKafka({ brokers: config.kafkaBrokers, clientId: 'alignment-ledger' }, logger),
  },
];

@Injectable()
export class CommandIngestService implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: PublisherIngestConsumer | null = null;

  constructor(
    private readonly config: LedgerConfig,
    private readonly kafka: Kafka,
    private readonly gateway: CommandGateway,
    private readonly authenticator: Authenticator,
    @Inject(LEDGER_LOGGER) private readonly logger: MessagingLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { topicPartitions: numPartitions, commandIngestTopicPrefix: topicPrefix } = this.config;
    await ensureTopics(this.kafka, [
      { topic: this.config.ledgerEventsTopic, numPartitions },
      { topic: this.config.commandDeadLetterTopic, numPartitions },
    ]);
    if (!this.config.commandIngestEnabled) return;
    this.consumer = new PublisherIngestConsumer({
      kafka: this.kafka,
      groupId: this.config.commandIngestGroup,
      topicPrefix,
      refreshIntervalMs: this.config.commandIngestRefreshSeconds * 1000,
      deadLetterTopic: this.config.commandDeadLetterTopic,
      ...createCommandIngestHandlers({ gateway: this.gateway, authenticator: this.authenticator, topicPrefix }),
      logger: this.logger,
    });
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
