/**
 * Integration-test plumbing for the projection runtime, on the real Postgres and Kafka
 * of the test stack: a database of its own with the event store migrated, a uniquely
 * named ledger topic, a way to record a scenario in the event store (as the ledger
 * would, concurrently per stream) and to publish events to the topic (as the relay
 * would, or with the duplicates and holes a test wants), projectors wired exactly as
 * the services wire them, and the from-scratch rebuild every test compares against.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventEnvelope } from '@ledger/contracts';
import { createEventStoreDataSource, EventStore, migrateEventStore, toOutboxMessage } from '@ledger/event-store';
import { KafkaEventPublisher, silentLogger, type MessagingLogger } from '@ledger/messaging';
import { createTestDatabase, createTestKafka, createTestPool, createTestTopics, deleteTestTopics, testKafkaBrokers, uniqueName, type TestDatabase } from '@ledger/testing';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Projection } from '../../projection';
import type { QueryFunction } from '../../row-changes/row-change-applier';
import { loadHistory } from '../history-loader';
import { migrateProjection } from '../projection-migrations';
import { ProjectionWriter } from '../projection-writer';
import { ProjectorRuntime, type ProjectorSettings } from '../projector-runtime';
import { comparableTables, compareSchemas, describeComparison } from '../schema-comparison';

export const TOPIC_PARTITIONS = 3;

export type FixtureProjectorSettings = Partial<ProjectorSettings> & Pick<ProjectorSettings, 'liveSchema' | 'projectionIn' | 'groupId'>;

export interface LoggedEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly details: Record<string, unknown>;
  readonly message: string;
}

/** A logger that keeps what it is told, for tests that assert what a projector reported. */
export function recordingLogger(): MessagingLogger & { readonly entries: LoggedEntry[] } {
  const entries: LoggedEntry[] = [];
  const at = (level: LoggedEntry['level']) => (details: object, message: string) => void entries.push({ level, details: details as Record<string, unknown>, message });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export class RuntimeFixture {
  readonly query: QueryFunction;
  private readonly projectors: ProjectorRuntime[] = [];

  private constructor(
    private readonly database: TestDatabase,
    readonly dataSource: DataSource,
    readonly eventStore: EventStore,
    readonly pool: Pool,
    readonly kafka: Kafka,
    readonly topic: string,
    private readonly publisher: KafkaEventPublisher,
  ) {
    this.query = (sql, params) => pool.query(sql, params);
  }

  /** `clock` is the ledger's: events recorded through this fixture carry its time. */
  static async open(clock?: () => Date): Promise<RuntimeFixture> {
    const database = await createTestDatabase('al_test_runtime');
    const dataSource = createEventStoreDataSource({ url: database.url, poolSize: 8, applicationName: 'runtime-test-ledger' });
    await dataSource.initialize();
    await migrateEventStore(dataSource);
    const pool = createTestPool(database.url, 4);
    const topic = uniqueName('projection-events');
    await createTestTopics([topic], TOPIC_PARTITIONS);
    const kafka = createTestKafka();
    const publisher = new KafkaEventPublisher({ kafka, topic });
    await publisher.connect();
    return new RuntimeFixture(database, dataSource, new EventStore(dataSource, clock), pool, kafka, topic, publisher);
  }

  get url(): string {
    return this.database.url;
  }

  /**
   * Appends the planned events to the event store, each stream's in order and the
   * streams concurrently, and returns them as recorded (positions, hashes, ledger time)
   * once `readAll` shows them.
   */
  async record(planned: readonly EventEnvelope[]): Promise<EventEnvelope[]> {
    const byStream = new Map<string, EventEnvelope[]>();
    for (const event of planned) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    const recorded = await Promise.all([...byStream.values()].map((events) => this.recordStream(events)));
    await this.untilEveryEventIsReadable();
    return recorded.flat().sort((a, b) => a.globalPosition - b.globalPosition);
  }

  /** Sends the events to the ledger topic as the outbox relay does (keyed by stream, in the given order). */
  async publish(events: readonly EventEnvelope[]): Promise<void> {
    for (let start = 0; start < events.length; start += 500) {
      await this.publisher.send(events.slice(start, start + 500).map(toOutboxMessage));
    }
  }

  /** Sends raw messages, e.g. one that is no envelope at all. */
  async publishRaw(key: string, value: string): Promise<void> {
    await this.publisher.send([{ key, value, headers: {} }]);
  }

  /** A projector as the services run it, consuming this fixture's topic; stopped by `close()`. */
  async startProjector(settings: FixtureProjectorSettings): Promise<ProjectorRuntime> {
    const projector = await this.openProjector(settings);
    await projector.start();
    return projector;
  }

  /** A projector that is connected and migrated but does not consume yet. */
  async openProjector(settings: FixtureProjectorSettings): Promise<ProjectorRuntime> {
    const projector = await ProjectorRuntime.open({
      name: 'runtime-test-projector',
      databaseUrl: this.url,
      kafkaBrokers: testKafkaBrokers(),
      topic: this.topic,
      topicPartitions: TOPIC_PARTITIONS,
      batchSize: 100,
      caughtUpWithinSeconds: 5,
      logger: silentLogger,
      ...settings,
    });
    this.projectors.push(projector);
    return projector;
  }

  async stopProjector(projector: ProjectorRuntime): Promise<void> {
    this.projectors.splice(this.projectors.indexOf(projector), 1);
    await projector.stop();
  }

  /** Builds the projection into `schema` straight from the event store, as a rebuild's bulk load does. */
  async buildFromScratch(projection: Projection): Promise<void> {
    await migrateProjection(this.url, projection);
    const writer = new ProjectionWriter({ projection, shared: false, readGap: () => Promise.reject(new Error('readAll has no gaps')) });
    await loadHistory({ eventStore: this.eventStore, writer, query: this.query, pageSize: 1000, afterPosition: 0, withinTransaction: false });
  }

  /** Every table of the two schemas, row by row: '' when equal, else what differs. */
  async differences(projection: Projection, firstSchema: string, secondSchema: string): Promise<string> {
    const comparison = await compareSchemas(this.query, firstSchema, secondSchema, comparableTables(projection));
    return comparison.equal ? '' : describeComparison(comparison);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.projectors.map((projector) => projector.stop()));
    await this.publisher.disconnect();
    await deleteTestTopics([this.topic]).catch(() => undefined);
    await this.pool.end();
    await this.dataSource.destroy();
    await this.database.drop();
  }

  /**
   * `readAll` returns only transactions finished for every reader of the server, so a
   * transaction open in another database (another test file) hides the latest events
   * for a moment; what tests record is readable once this returns, and stays so.
   */
  private async untilEveryEventIsReadable(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await this.query('SELECT count(*)::int AS recorded FROM ledger.events', []);
      const readable = await this.eventStore.countAll({ afterPosition: 0 });
      if (readable === (rows[0] as { recorded: number }).recorded) return;
      if (Date.now() > deadline) throw new Error(`readAll still hides ${(rows[0] as { recorded: number }).recorded - readable} recorded events.`);
      await sleep(100);
    }
  }

  private async recordStream(events: readonly EventEnvelope[]): Promise<EventEnvelope[]> {
    let firstVersion: number | null = null;
    for (const event of events) {
      const result = await this.eventStore.append({
        streamId: event.streamId,
        expectedVersion: 'any',
        events: [
          {
            eventId: randomUUID(),
            type: event.type,
            schemaVersion: event.schemaVersion,
            data: event.data,
            occurredAt: new Date(event.occurredAt),
            metadata: { actor: event.actor, sourceSystem: event.sourceSystem, correlationId: event.correlationId, causationId: null },
          },
        ],
      });
      firstVersion ??= result.streamVersion;
    }
    return this.eventStore.readStream(events[0].streamId, { fromVersion: firstVersion ?? 1 });
  }
}
