/**
 * The kafkajs client and the pieces every Kafka user here shares: kafkajs's own log
 * lines routed into our structured logger, idempotent topic creation, and the one
 * producer configuration we trust with ledger events.
 */
import { Kafka, logLevel, Partitioners, type ITopicConfig, type logCreator, type Producer } from 'kafkajs';
import type { KafkaConfig } from './kafka-config';
import type { MessagingLogger } from './logger';

/** kafkajs warnings and errors go to `logger`; without one, kafkajs stays silent. */
export function createKafka(config: KafkaConfig, logger?: MessagingLogger): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    logLevel: logger ? logLevel.WARN : logLevel.NOTHING,
    logCreator: logger ? routeKafkaLogsTo(logger) : undefined,
  });
}

function routeKafkaLogsTo(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _kafkajsTimestamp, ...details } = log;
      const entry = { component: `kafkajs.${namespace}`, ...details };
      if (level === logLevel.ERROR) logger.error(entry, message);
      else logger.warn(entry, message);
    };
}

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  /** Topic-level configs, e.g. `{ 'retention.ms': '-1' }`. */
  configs?: Record<string, string>;
}

/** Creates the topics that do not exist yet; existing ones are left exactly as they are. */
export async function ensureTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // kafkajs answers `false` instead of failing when every requested topic already exists.
    await admin.createTopics({ waitForLeaders: true, topics: topics.map(toTopicConfig) });
  } finally {
    await admin.disconnect();
  }
}

function toTopicConfig({ topic, numPartitions, configs = {} }: TopicSpec): ITopicConfig {
  return {
    topic,
    numPartitions,
    configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
  };
}

/**
 * Idempotent and one request in flight: a retried send can neither duplicate a message
 * nor reorder two of them, so per-key order on the topic is the order of `send` calls.
 * The Java-compatible partitioner keeps a key on the same partition as Java clients put it.
 */
export function createReliableProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

/** Producer sends wait for every in-sync replica (`acks: -1`), which idempotence requires. */
export const ALL_IN_SYNC_REPLICAS = -1;
