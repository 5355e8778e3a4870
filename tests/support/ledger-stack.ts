/**
 * The write path as end-to-end tests run it: the built ledger and outbox relay as child
 * processes, on a fresh database and uniquely named topics and consumer group of the
 * test broker, so test files run side by side and leave nothing behind. Also reads
 * back what the ledger recorded, over its own HTTP API.
 *
 * Secured like the real stack: each service connects to Kafka as its own principal with
 * only the ACLs it needs (on this stack's names), and the stack provisions service
 * accounts to call the services with: an admin, an auditor, an analyst and the publisher
 * `test-publisher`, which is also a Kafka principal with its own ingest topic.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { AccountCreation } from '@ledger/auth';
import { ingestTopicOf, ledgerAcls, outboxRelayAcls, publisherAcls, SERVICE_PRINCIPALS } from '@ledger/messaging';
import {
  createTestDatabase,
  createTestTopics,
  createTestKafka,
  deleteTestTopics,
  grantTestAcls,
  readMessages,
  revokeTestAcls,
  testKafkaBrokers,
  testKafkaPrincipalEnvironment,
  uniqueName,
  type ReadMessage,
  type TestDatabase,
} from '@ledger/testing';
import { provisionTestAccounts } from '../../libs/auth/src/testing/test-accounts';
import { eventually } from './eventually';
import { ServiceProcess } from './service-process';

export interface StackTopics {
  ledgerEvents: string;
  /** Each publisher's ingest topic is this prefix followed by its principal. */
  commandIngestPrefix: string;
  commandDeadLetter: string;
  /** The ingest topic of `TEST_PUBLISHER`, the only one it may write. */
  publisherIngest: string;
}

export interface StackKeys {
  admin: string;
  auditor: string;
  analyst: string;
  publisher: string;
}

export interface LedgerStackOptions {
  /** The scope of `TEST_PUBLISHER` (default: unrestricted). */
  publisherScope?: Partial<Pick<AccountCreation, 'partnershipScope' | 'teamScope'>>;
}

/** The publisher account and Kafka principal of every stack (`npm test` creates its SCRAM credentials). */
export const TEST_PUBLISHER = 'test-publisher';

/** Several partitions, so the tests see that order holds per stream, not merely because there is one partition. */
const TOPIC_PARTITIONS = 3;
const EVENTS_PAGE = 1000;

export class LedgerStack {
  private ledgerProcess: ServiceProcess | null = null;
  private relayProcess: ServiceProcess | null = null;

  private constructor(
    readonly database: TestDatabase,
    readonly topics: StackTopics,
    readonly keys: StackKeys,
    private readonly environment: Record<string, string>,
    private readonly acls: ReturnType<typeof ledgerAcls>,
  ) {}

  static async start(name: string, options: LedgerStackOptions = {}): Promise<LedgerStack> {
    const database = await createTestDatabase();
    const commandIngestPrefix = `${uniqueName(`${name}-commands`)}.`;
    const topics: StackTopics = {
      ledgerEvents: uniqueName(`${name}-events`),
      commandIngestPrefix,
      commandDeadLetter: uniqueName(`${name}-commands-dlq`),
      publisherIngest: ingestTopicOf(commandIngestPrefix, TEST_PUBLISHER),
    };
    const ingestGroup = uniqueName(`${name}-ingest`);
    const names = { ledgerEventsTopic: topics.ledgerEvents, commandIngestTopicPrefix: commandIngestPrefix, commandDeadLetterTopic: topics.commandDeadLetter, commandIngestGroup: ingestGroup };
    const acls = [
      ...ledgerAcls(SERVICE_PRINCIPALS.ledger, names),
      ...outboxRelayAcls(SERVICE_PRINCIPALS.outboxRelay, names),
      ...publisherAcls(TEST_PUBLISHER, commandIngestPrefix),
    ];
    const keys = await provisionTestAccounts(database.url, {
      admin: { roles: ['admin'] },
      auditor: { roles: ['auditor'] },
      analyst: { roles: ['analyst'] },
      publisher: { accountId: TEST_PUBLISHER, roles: ['publisher'], ...options.publisherScope },
    }).catch(async (error: unknown) => {
      await database.drop();
      throw error;
    });
    const stack = new LedgerStack(database, topics, keys, {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      KAFKA_TOPIC_PARTITIONS: String(TOPIC_PARTITIONS),
      LEDGER_EVENTS_TOPIC: topics.ledgerEvents,
      COMMAND_INGEST_TOPIC_PREFIX: commandIngestPrefix,
      COMMAND_INGEST_REFRESH_SECONDS: '1',
      COMMAND_DEAD_LETTER_TOPIC: topics.commandDeadLetter,
      COMMAND_INGEST_GROUP: ingestGroup,
      // The tests call in quick succession; the limit itself has its own test.
      RATE_LIMIT_PER_SECOND: '10000',
      RATE_LIMIT_BURST: '10000',
    }, acls);
    try {
      await grantTestAcls(acls);
      await createTestTopics([topics.ledgerEvents, topics.commandDeadLetter, topics.publisherIngest], TOPIC_PARTITIONS);
      stack.ledgerProcess = await ServiceProcess.start({ app: 'ledger', env: { ...stack.environment, ...testKafkaPrincipalEnvironment(SERVICE_PRINCIPALS.ledger) } });
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
    const env = { ...this.environment, ...testKafkaPrincipalEnvironment(SERVICE_PRINCIPALS.outboxRelay) };
    this.relayProcess = await ServiceProcess.start({ app: 'outbox-relay', env });
  }

  async stopRelay(): Promise<void> {
    await this.relayProcess?.stop();
    this.relayProcess = null;
  }

  /** Stops both services, then removes the topics, the ACLs and the database, whatever failed before. */
  async stop(): Promise<void> {
    const stopped = await Promise.allSettled([this.stopRelay(), this.ledgerProcess?.stop()]);
    this.ledgerProcess = null;
    const { ledgerEvents, commandDeadLetter, publisherIngest } = this.topics;
    await deleteTestTopics([ledgerEvents, commandDeadLetter, publisherIngest]).catch(() => undefined);
    await revokeTestAcls(this.acls).catch(() => undefined);
    await this.database.drop();
    const failure = stopped.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
  }

  /** Every event of the partnership, in stream order, page by page over `GET /partnerships/:id/events` (as the auditor). */
  async eventsOf(partnershipId: string): Promise<EventEnvelope[]> {
    const events: EventEnvelope[] = [];
    for (let fromVersion: number | null = 1; fromVersion !== null; ) {
      const url = `${this.ledger.url}/partnerships/${encodeURIComponent(partnershipId)}/events?fromVersion=${fromVersion}&limit=${EVENTS_PAGE}`;
      const response = await fetch(url, { headers: bearer(this.keys.auditor) });
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
      const lag = (await (await fetch(`${relay.url}/relay/lag`, { headers: bearer(this.keys.auditor) })).json()) as { events: number };
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

export function bearer(apiKey: string): Record<string, string> {
  return { authorization: `Bearer ${apiKey}` };
}
