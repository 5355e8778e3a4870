/**
 * The kafkajs client and the pieces every Kafka user here shares: kafkajs's own log
 * lines routed into our structured logger, idempotent topic creation, and the one
 * producer configuration we trust with ledger events.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Admin, type ITopicConfig, type logCreator, type SASLOptions } from 'kafkajs';
import { kafkaSaslFromEnv, type KafkaConfig } from './kafka-config';
import type { MessagingLogger } from './logger';

/**
 * kafkajs warnings and errors go to `logger`; without one, kafkajs stays silent.
 * Without `config.sasl`, the client authenticates with the credentials of KAFKA_SASL_*.
 */
export function createKafka(config: KafkaConfig, logger?: MessagingLogger): Kafka {
  const sasl = config.sasl === undefined ? kafkaSaslFromEnv() : config.sasl;
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    // Each mechanism is its own member of kafkajs's union; ours names only those three.
    ...(sasl ? { sasl: sasl as SASLOptions, ssl: false } : {}),
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

const LEADER_WAIT_MS = 30_000;
const LEADER_POLL_MS = 100;

/**
 * Creates the topics that do not exist yet (existing ones are left exactly as they are)
 * and returns once every partition has a leader. Only the missing ones are asked for:
 * the broker answers a request for an existing topic with TOPIC_ALREADY_EXISTS, which
 * kafkajs logs as an error at every start-up though nothing is wrong (two processes
 * creating the same topic at once can still meet it; kafkajs then carries on). kafkajs's
 * own `waitForLeaders` retries only on LEADER_NOT_AVAILABLE, while a busy broker may
 * answer UNKNOWN_TOPIC_OR_PARTITION for a topic it is still creating
 * (tulios/kafkajs#815), so the wait is done here.
 */
export async function ensureTopics(kafka: Kafka, topics: TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter(({ topic }) => !existing.has(topic));
    // kafkajs answers `false` instead of failing when every requested topic already exists.
    if (missing.length > 0) await admin.createTopics({ waitForLeaders: false, topics: missing.map(toTopicConfig) });
    await waitForLeaders(admin, topics.map(({ topic }) => topic));
  } finally {
    await admin.disconnect();
  }
}

async function waitForLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADER_WAIT_MS;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      const ready = metadata.every(({ partitions }) => partitions.length > 0 && partitions.every(({ leader }) => leader >= 0));
      if (ready) return;
    } catch (error) {
      if (!isRetriable(error) || Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`Topics ${topics.join(', ')} have no leader after ${LEADER_WAIT_MS} ms.`);
    await sleep(LEADER_POLL_MS);
  }
}

function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: boolean }).retriable === true;
}

function toTopicConfig({ topic, numPartitions, configs = {} }: TopicSpec): ITopicConfig {
  return {
    topic,
    numPartitions,
    configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
  };
}

/** Producer sends wait for every in-sync replica (`acks: -1`), which idempotence requires. */
export const ALL_IN_SYNC_REPLICAS = -1;
