/**
 * Consumes every publisher's ingest topic, `<prefix><principal>`. Kafka does not tell a
 * consumer who produced a record, so each publisher principal gets a topic that only it
 * may write (a broker ACL), and the topic name says who sent the message.
 *
 * kafkajs subscribes to the topics that exist when it subscribes (a RegExp included), so
 * the topic list is read again every `refreshIntervalMs`; when it changed, the consumer is
 * restarted on the new list (the message in flight finishes and its offset is committed
 * first; the group resumes from its committed offsets, a new topic from its beginning).
 * A new publisher's messages are therefore consumed at most one interval after its topic
 * is created. A consumer that kafkajs gave up on (say, a topic deleted under it) is
 * restarted the same way.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import { silentLogger, type MessagingLogger } from '../logger';
import { CommandIngestConsumer, type CommandIngestConsumerOptions } from './command-ingest-consumer';

export interface PublisherIngestConsumerOptions extends Omit<CommandIngestConsumerOptions, 'topics'> {
  /** e.g. `alignment.ledger.commands.v1.`: the topic of principal `crm` is `alignment.ledger.commands.v1.crm`. */
  topicPrefix: string;
  refreshIntervalMs: number;
}

export function ingestTopicOf(topicPrefix: string, principal: string): string {
  return `${topicPrefix}${principal}`;
}

/** The principal whose ingest topic this is; null for a topic outside the prefix. */
export function principalOfIngestTopic(topicPrefix: string, topic: string): string | null {
  return topic.startsWith(topicPrefix) && topic.length > topicPrefix.length ? topic.slice(topicPrefix.length) : null;
}

export class PublisherIngestConsumer {
  private readonly admin: Admin;
  private readonly logger: MessagingLogger;
  private readonly stopping = new AbortController();
  private current: CommandIngestConsumer | null = null;
  private topics: string[] = [];
  private watching: Promise<void> | null = null;

  constructor(private readonly options: PublisherIngestConsumerOptions) {
    this.admin = options.kafka.admin();
    this.logger = options.logger ?? silentLogger;
  }

  /** Resolves once the topics that exist now are being consumed. */
  async start(): Promise<void> {
    await this.admin.connect();
    await this.refresh();
    this.watching = this.watch();
  }

  /** Stops watching, lets the message in flight finish, and leaves the group. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.watching;
    await this.current?.stop();
    this.current = null;
    await this.admin.disconnect();
  }

  /** The ingest topics consumed right now. */
  get consumedTopics(): readonly string[] {
    return this.topics;
  }

  private async watch(): Promise<void> {
    for (;;) {
      try {
        await sleep(this.options.refreshIntervalMs, undefined, { signal: this.stopping.signal });
      } catch {
        return;
      }
      await this.refresh().catch((error: unknown) =>
        this.logger.warn({ err: error, topicPrefix: this.options.topicPrefix }, 'Could not refresh the list of ingest topics; will try again'),
      );
    }
  }

  private async refresh(): Promise<void> {
    const { topicPrefix } = this.options;
    const topics = (await this.admin.listTopics()).filter((topic) => principalOfIngestTopic(topicPrefix, topic) !== null).sort();
    const unchanged = topics.join('\n') === this.topics.join('\n');
    if (unchanged && !this.current?.hasGivenUp) return;
    await this.current?.stop();
    this.current = null;
    this.topics = [];
    if (topics.length === 0) return;
    const { topicPrefix: _prefix, refreshIntervalMs: _interval, ...consumerOptions } = this.options;
    const consumer = new CommandIngestConsumer({ ...consumerOptions, topics });
    try {
      await consumer.start();
    } catch (error) {
      // Left unconsumed, the list differs at the next refresh, which tries again.
      await consumer.stop().catch(() => undefined);
      throw error;
    }
    this.current = consumer;
    this.topics = topics;
    this.logger.info({ topics }, 'Consuming the publishers\' ingest topics');
  }
}
