/**
 * One projector process, whole: its connections, migrations, the Kafka consumer that
 * keeps the live schema current, the lag probe, readiness checks and rebuilds. The
 * projector services (`apps/*-projector`) are thin NestJS wiring around it, so both
 * run the same code and differ only in the projection they feed.
 */
import { PostgresConnectionWatch } from '@ledger/database';
import { EventStore, migrateEventStore, openEventStoreDataSource, postgresReadiness } from '@ledger/event-store';
import { createKafka, ensureTopics, type MessagingLogger } from '@ledger/messaging';
import type { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Projection } from '../projection';
import { ProjectionConsumer } from './projection-consumer';
import { ProjectionLagProbe, type ProjectionLag } from './projection-lag';
import { migrateProjection } from './projection-migrations';
import { ProjectionRebuilder } from './projection-rebuilder';
import { eventStoreGapReader, ProjectionWriter } from './projection-writer';
import type { RebuildProgress } from './rebuild-progress';
import { RebuildTracker } from './rebuild-tracker';
import type { AfterSwitchHook } from './schema-switch';

export interface ProjectorSettings {
  /** Names the service in logs, connections and Kafka: `ownership-projector`. */
  readonly name: string;
  /** The ledger's database: the event store and the projection schemas live there. */
  readonly databaseUrl: string;
  readonly kafkaBrokers: readonly string[];
  readonly topic: string;
  /** Partitions of the topic, should the projector be the first to create it. */
  readonly topicPartitions: number;
  readonly groupId: string;
  /** Events per Postgres transaction of the live consumer. */
  readonly batchSize: number;
  readonly liveSchema: string;
  readonly projectionIn: (schema: string) => Projection;
  /** Readiness reports whether the projection is this close to the ledger (it never fails readiness). */
  readonly caughtUpWithinSeconds: number;
  readonly afterSwitch?: readonly AfterSwitchHook[];
  readonly logger: MessagingLogger;
}

export interface ReadinessProbe {
  readonly name: string;
  check(): Promise<void>;
}

export interface CatchUpReport {
  readonly caughtUp: boolean;
  readonly withinSeconds: number;
  readonly lag: ProjectionLag;
}

const POOL_SIZE = 5;
const EVENT_STORE_POOL_SIZE = 4;
/** A database that is down fails a connection attempt this fast, and the batch is retried. */
const CONNECT_TIMEOUT_MS = 5_000;

export class ProjectorRuntime {
  private readonly consumer: ProjectionConsumer;
  private readonly lagProbe: ProjectionLagProbe;
  private readonly rebuilds: RebuildTracker;

  private constructor(
    private readonly settings: ProjectorSettings,
    private readonly pool: Pool,
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
  ) {
    const { liveSchema, projectionIn, topic, groupId, batchSize, logger, databaseUrl, afterSwitch } = settings;
    const eventStore = new EventStore(dataSource);
    const writer = new ProjectionWriter({ projection: projectionIn(liveSchema), readGap: eventStoreGapReader(eventStore), shared: true });
    this.consumer = new ProjectionConsumer({ kafka, topic, groupId, pool, writer, batchSize, logger });
    const query = (sql: string, params: unknown[]) => pool.query(sql, params);
    this.lagProbe = new ProjectionLagProbe({ kafka, topic, groupId, query, schema: liveSchema, eventStore });
    this.rebuilds = new RebuildTracker(
      new ProjectionRebuilder({ databaseUrl, pool, eventStore, projectionIn, liveSchema, afterSwitch, logger }),
    );
  }

  /** Connects and brings the event store's and the projection's schemas up to date (under advisory locks). */
  static async open(settings: ProjectorSettings): Promise<ProjectorRuntime> {
    const applicationName = `alignment-${settings.name}`;
    const dataSource = await openEventStoreDataSource({ url: settings.databaseUrl, poolSize: EVENT_STORE_POOL_SIZE, applicationName, logger: settings.logger });
    try {
      await migrateEventStore(dataSource);
      await migrateProjection(settings.databaseUrl, settings.projectionIn(settings.liveSchema));
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
    const pool = new Pool({ connectionString: settings.databaseUrl, max: POOL_SIZE, application_name: applicationName, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    new PostgresConnectionWatch(settings.logger, `${applicationName}-views`).watch(pool);
    const kafka = createKafka({ brokers: [...settings.kafkaBrokers], clientId: applicationName }, settings.logger);
    return new ProjectorRuntime(settings, pool, dataSource, kafka);
  }

  /** Creates the topic if it is missing, then consumes until `stop()`. */
  async start(): Promise<void> {
    const { topic, topicPartitions } = this.settings;
    await ensureTopics(this.kafka, [{ topic, numPartitions: topicPartitions }]);
    await this.consumer.start();
  }

  /** Cancels a running rebuild, lets the batch in flight commit, then closes every connection. */
  async stop(): Promise<void> {
    await this.rebuilds.stop();
    await this.consumer.stop();
    await this.lagProbe.close();
    await this.pool.end();
    await this.dataSource.destroy();
  }

  lag(): Promise<ProjectionLag> {
    return this.lagProbe.lag();
  }

  async catchUpReport(): Promise<CatchUpReport> {
    const lag = await this.lag();
    const withinSeconds = this.settings.caughtUpWithinSeconds;
    return { caughtUp: lag.seconds <= withinSeconds, withinSeconds, lag };
  }

  /** Postgres, Kafka, and a consumer that has not stopped on an event it cannot apply. */
  readinessProbes(): ReadinessProbe[] {
    const consumer: ReadinessProbe = {
      name: 'projection-consumer',
      check: async () => {
        const status = this.consumer.currentStatus();
        if (status.state !== 'running') throw new Error(status.failure ? `${status.failure.code}: ${status.failure.message}` : `The consumer is ${status.state}.`);
      },
    };
    const kafka: ReadinessProbe = { name: 'kafka', check: () => this.lagProbe.assertClusterReachable() };
    return [postgresReadiness(this.dataSource), kafka, consumer];
  }

  startRebuild(): Promise<RebuildProgress> {
    return this.rebuilds.start();
  }

  rebuildProgress(id: string): RebuildProgress {
    return this.rebuilds.progress(id);
  }
}
