/**
 * The write path as end-to-end tests run it: the built ledger and outbox relay as child
 * processes, on a fresh database and uniquely named topics and consumer group of the
 * test broker, so test files run side by side and leave nothing behind. Also reads
 * back what the ledger recorded, over its own HTTP API.
 */
import type { EventEnvelope } from '@ledger/contracts';
import {
  createTestDatabase,
  createTestTopics,
  createTestKafka,
  deleteTestTopics,
  readMessages,
  testKafkaBrokers,
  uniqueName,
  type ReadMessage,
  type TestDatabase,
} from '@ledger/testing';
import { eventually } from './eventually';
import { ServiceProcess } from './service-process';

export interface StackTopics {
  ledgerEvents: string;
  commandIngest: string;
  commandDeadLetter: string;
}

/** Several partitions, so the tests see that order holds per stream, not merely because there is one partition. */
const TOPIC_PARTITIONS = 3;
const EVENTS_PAGE = 1000;

export class LedgerStack {
  private ledgerProcess: ServiceProcess | null = null;
  private relayProcess: ServiceProcess | null = null;

  private constructor(
    readonly database: TestDatabase,
    readonly topics: StackTopics,
    private readonly environment: Record<string, string>,
  ) {}

  static async start(name: string): Promise<LedgerStack> {
    const database = await createTestDatabase();
    const topics: StackTopics = {
      ledgerEvents: uniqueName(`${name}-events`),
      commandIngest: uniqueName(`${name}-commands`),
      commandDeadLetter: uniqueName(`${name}-commands-dlq`),
    };
    const stack = new LedgerStack(database, topics, {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PARTITIONS: String(TOPIC_PARTITIONS),
      LEDGER_EVENTS_TOPIC: topics.ledgerEvents,
      COMMAND_INGEST_TOPIC: topics.commandIngest,
      COMMAND_DEAD_LETTER_TOPIC: topics.commandDeadLetter,
      COMMAND_INGEST_GROUP: uniqueName(`${name}-ingest`),
    });
    try {
      await provisionTopics(Object.values(topics));
      stack.ledgerProcess = await ServiceProcess.start({ app: 'ledger', env: stack.environment });
      await stack.startRelay();
      return stack;
    } catch (error) {
      await stack.stop().catch(() => undefined);
      throw error;
    }
  }

  get ledger(): ServiceProcess {
    if (!this.ledgerProcess) throw new Error('The ledger is not running.');
    return this.ledgerProcess;
  }

  get relay(): ServiceProcess | null {
    return this.relayProcess;
  }

  async startRelay(): Promise<void> {
    if (this.relayProcess) throw new Error('The outbox relay is already running.');
    this.relayProcess = await ServiceProcess.start({ app: 'outbox-relay', env: this.environment });
  }

  async stopRelay(): Promise<void> {
    await this.relayProcess?.stop();
    this.relayProcess = null;
  }

  /** Stops both services, then removes the topics and the database, whatever failed before. */
  async stop(): Promise<void> {
    const stopped = await Promise.allSettled([this.stopRelay(), this.ledgerProcess?.stop()]);
    this.ledgerProcess = null;
    await deleteTestTopics(Object.values(this.topics)).catch(() => undefined);
    await this.database.drop();
    const failure = stopped.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /** Every event of the partnership, in stream order, page by page over `GET /partnerships/:id/events`. */
  async eventsOf(partnershipId: string): Promise<EventEnvelope[]> {
    const events: EventEnvelope[] = [];
    for (let fromVersion: number | null = 1; fromVersion !== null; ) {
      const url = `${this.ledger.url}/partnerships/${encodeURIComponent(partnershipId)}/events?fromVersion=${fromVersion}&limit=${EVENTS_PAGE}`;
      const response = await fetch(url);
      if (response.status === 404) return events;
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
      const page = (await response.json()) as { events: EventEnvelope[]; nextFromVersion: number | null };
      events.push(...page.events);
      fromVersion = page.nextFromVersion;
    }
    return events;
  }

  /**
   * Everything on the ledger events topic once the relay reports nothing left to
   * publish (its `/relay/lag`), in arrival order: the whole history the ledger recorded.
   */
  async publishedEvents(): Promise<ReadMessage[]> {
    const relay = this.relayProcess;
    if (!relay) throw new Error('The outbox relay is not running, so nothing gets published.');
    await eventually(async () => {
      const lag = (await (await fetch(`${relay.url}/relay/lag`)).json()) as { events: number };
      return lag.events === 0;
    }, 'the outbox relay to publish every recorded event');
    return this.allMessages(this.topics.ledgerEvents);
  }

  /** Every message of a topic, in arrival order (by partition, in offset order within each). */
  async allMessages(topic: string): Promise<ReadMessage[]> {
    const count = await this.messageCount(topic);
    return count === 0 ? [] : readMessages(topic, { count, timeoutMs: 60_000 });
  }

  /** How many messages a topic holds in all, from its partitions' offsets (every test topic starts empty). */
  async messageCount(topic: string): Promise<number> {
    const admin = createTestKafka().admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
    } finally {
      await admin.disconnect();
    }
  }
}

/** Creates the stack's topics before any service starts, so every service finds them ready. */
async function provisionTopics(topics: string[]): Promise<void> {
  await createTestTopics(topics, TOPIC_PARTITIONS);
}
