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
import { ingestTopicOf, ledgerAcls, outboxRelayAcls, projectorAcls, publisherAcls, SERVICE_PRINCIPALS } from '@ledger/messaging';
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
  /** The database URL the services get, given the test database's (e.g. through a proxy that a test can cut). */
  serviceDatabaseUrl?: (databaseUrl: string) => string;
}

/** The projector services, each with its own Kafka principal and consumer group. */
export type ProjectorApp = 'ownership-projector' | 'reporting-projector';
export const PROJECTOR_APPS: readonly ProjectorApp[] = ['ownership-projector', 'reporting-projector'];
const PROJECTOR_PRINCIPALS: Record<ProjectorApp, string> = {
  'ownership-projector': SERVICE_PRINCIPALS.ownershipProjector,
  'reporting-projector': SERVICE_PRINCIPALS.reportingProjector,
};

/** The publisher account and Kafka principal of every stack (`npm test` creates its SCRAM credentials). */
export const TEST_PUBLISHER = 'test-publisher';

/** Several partitions, so the tests see that order holds per stream, not merely because there is one partition. */
const TOPIC_PARTITIONS = 3;
const EVENTS_PAGE = 1000;

export class LedgerStack {
  private ledgerProcess: ServiceProcess | null = null;
  private relayProcess: ServiceProcess | null = null;
  private readonly projectorProcesses = new Map<ProjectorApp, ServiceProcess>();
  /** Each projector's consumer group, made up (and its ACLs granted) when it first starts. */
  readonly projectorGroups = new Map<ProjectorApp, string>();

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
      DATABASE_URL: options.serviceDatabaseUrl?.(database.url) ?? database.url,
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
      await stack.startLedger();
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

  /** The ledger, or null while it is down (between `killLedger` and `startLedger`). */
  get ledgerOrNull(): ServiceProcess | null {
    return this.ledgerProcess;
  }

  projectorOrNull(app: ProjectorApp): ServiceProcess | null {
    return this.projectorProcesses.get(app) ?? null;
  }

  get relay(): ServiceProcess | null {
    return this.relayProcess;
  }

  /** Starts the ledger (again, after `killLedger`), on a new port. */
  async startLedger(extraEnv: Record<string, string> = {}): Promise<void> {
    if (this.ledgerProcess) throw new Error('The ledger is already running.');
    const env = { ...this.environment, ...testKafkaPrincipalEnvironment(SERVICE_PRINCIPALS.ledger), ...extraEnv };
    this.ledgerProcess = await ServiceProcess.start({ app: 'ledger', env });
  }

  /** Sends `signal` to the ledger and waits for it to exit (SIGKILL: a crash, nothing finishes). */
  async killLedger(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.ledgerProcess?.kill(signal);
    this.ledgerProcess = null;
  }

  projector(app: ProjectorApp): ServiceProcess {
    const projector = this.projectorProcesses.get(app);
    if (!projector) throw new Error(`The ${app} is not running.`);
    return projector;
  }

  /** Starts a projector as its own Kafka principal, in the stack's consumer group for it (a second call: another instance in the group). */
  async startProjector(app: ProjectorApp, extraEnv: Record<string, string> = {}): Promise<ServiceProcess> {
    if (this.projectorProcesses.has(app)) throw new Error(`The ${app} is already running.`);
    let group = this.projectorGroups.get(app);
    if (!group) {
      group = uniqueName(app);
      const acls = projectorAcls(PROJECTOR_PRINCIPALS[app], { ledgerEventsTopic: this.topics.ledgerEvents, groupId: group });
      await grantTestAcls(acls);
      this.acls.push(...acls);
      this.projectorGroups.set(app, group);
    }
    const env = { ...this.environment, PROJECTOR_GROUP: group, ...testKafkaPrincipalEnvironment(PROJECTOR_PRINCIPALS[app]), ...extraEnv };
    const projector = await ServiceProcess.start({ app, env });
    this.projectorProcesses.set(app, projector);
    return projector;
  }

  /** SIGTERM (a graceful stop) or SIGKILL (a crash), then forgets the process. */
  async stopProjector(app: ProjectorApp, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const projector = this.projectorProcesses.get(app);
    this.projectorProcesses.delete(app);
    if (!projector) return;
    if (signal === 'SIGTERM') await projector.stop();
    else await projector.kill(signal);
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
    const stopped = await Promise.allSettled([this.stopRelay(), this.ledgerProcess?.stop(), ...PROJECTOR_APPS.map((app) => this.stopProjector(app))]);
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
