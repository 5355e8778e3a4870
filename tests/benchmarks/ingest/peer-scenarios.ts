/**
 * What the ledger is compared with, on the same Postgres and broker, with the same
 * payloads, batch sizes and concurrency: Emmett's PostgreSQL event store (the peer a
 * TypeScript team would pick), and the machine's ceiling - the same rows written by a
 * multi-row INSERT and by COPY into a bare table (no index, no constraint), and the
 * same messages sent by a bare kafkajs producer (acks from all in-sync replicas).
 */
import { createHash, randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { getPostgreSQLEventStore, type PostgresEventStore } from '@event-driven-io/emmett-postgresql';
import type { EventEnvelope } from '@ledger/contracts';
import { toOutboxMessage, type NewEvent } from '@ledger/event-store';
import { createTestKafka, createTestTopics, deleteTestTopics, uniqueName } from '@ledger/testing';
import { Partitioners, type Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { freshRunName } from './ledger-scenarios';
import { inCallerLanes, runWithConcurrency } from './measure';
import type { Scenario } from './scenario';
import { laneStreamCount, type IngestSettings } from './settings';
import { Workload } from './workload';

const ACTOR = 'test-publisher';

/** `appendToStream` with `batchSize` events per call, each caller on streams of its own, with expected versions as the ledger uses them. */
export function emmettScenario(databaseUrl: string, settings: IngestSettings, batchSize: number): Scenario {
  const concurrency = settings.batchConcurrency;
  const calls = Math.ceil(settings.batchedEventsPerRun / batchSize);
  let store: PostgresEventStore | null = null;
  return {
    key: `emmett.append.${batchSize}`,
    label: `Emmett appendToStream, ${batchSize}/call`,
    batchSize,
    concurrency,
    eventsPerRun: calls * batchSize,
    publishes: false,
    prepare: async () => {
      store ??= await openEmmett(databaseUrl);
      const emmett = store;
      const workload = new Workload(freshRunName('emmett'), laneStreamCount(settings));
      const batches = Array.from({ length: calls }, (_, index) => ({
        streamName: `partnership-${workload.partnershipId(index)}`,
        events: workload.observationEvents(batchSize, ACTOR).map(({ type, data, metadata }) => ({ type, data: data as Record<string, unknown>, metadata: { ...metadata } })),
      }));
      const versions = new Map<string, bigint>();
      return async () => {
        await inCallerLanes(calls, concurrency, async (index) => {
          const { streamName, events } = batches[index]!;
          const appended = await emmett.appendToStream(streamName, events, { expectedStreamVersion: versions.get(streamName) ?? 0n });
          versions.set(streamName, appended.nextExpectedStreamVersion);
        });
        return { events: calls * batchSize };
      };
    },
    finish: async () => {
      await store?.close();
    },
  };
}

/** The same rows, `batchSize` per statement, into a table with the events table's columns and nothing else. */
export function bareTableScenario(pool: Pool, settings: IngestSettings, batchSize: number, method: 'insert' | 'copy'): Scenario {
  const concurrency = settings.batchConcurrency;
  const calls = Math.ceil(settings.batchedEventsPerRun / batchSize);
  const table = `bench_ceiling.${method}_${batchSize}_${Date.now().toString(36)}`;
  return {
    key: `ceiling.${method}.${batchSize}`,
    label: `bare table, ${method === 'insert' ? 'multi-row INSERT' : 'COPY'}, ${batchSize}/statement`,
    batchSize,
    concurrency,
    eventsPerRun: calls * batchSize,
    publishes: false,
    prepare: async () => {
      await pool.query('CREATE SCHEMA IF NOT EXISTS bench_ceiling');
      await pool.query(`DROP TABLE IF EXISTS ${table}`);
      await pool.query(BARE_TABLE(table));
      const workload = new Workload(freshRunName(`bare-${method}`), settings.partnerships);
      const batches = Array.from({ length: calls }, (_, index) => rowsOf(workload.partnershipId(index), workload.observationEvents(batchSize, ACTOR)));
      const write = method === 'insert' ? insertRows : copyRows;
      return async () => {
        await runWithConcurrency(calls, concurrency, (index) => write(pool, table, batches[index]!));
        return { events: calls * batchSize };
      };
    },
    finish: async () => {
      await pool.query(`DROP TABLE IF EXISTS ${table}`);
    },
  };
}

/** The messages the relay would send for the same events, `batchSize` per send, by a producer with kafkajs's defaults and acks=all. */
export function bareKafkaScenario(settings: IngestSettings, batchSize: number, partitions: number): Scenario {
  const concurrency = settings.batchConcurrency;
  const calls = Math.ceil(settings.batchedEventsPerRun / batchSize);
  const topic = uniqueName('bench-ceiling');
  let producer: Producer | null = null;
  return {
    key: `ceiling.kafkajs.${batchSize}`,
    label: `bare kafkajs producer, ${batchSize}/send`,
    batchSize,
    concurrency,
    eventsPerRun: calls * batchSize,
    publishes: false,
    prepare: async () => {
      if (!producer) {
        await createTestTopics([topic], partitions);
        producer = createTestKafka(uniqueName('bench-producer')).producer({ createPartitioner: Partitioners.DefaultPartitioner });
        await producer.connect();
      }
      const sender = producer;
      const workload = new Workload(freshRunName('bare-kafka'), settings.partnerships);
      const batches = Array.from({ length: calls }, (_, index) =>
        envelopesOf(workload.partnershipId(index), workload.observationEvents(batchSize, ACTOR)).map(toOutboxMessage),
      );
      return async () => {
        await runWithConcurrency(calls, concurrency, async (index) => {
          await sender.send({ topic, acks: -1, messages: batches[index]! });
        });
        return { events: calls * batchSize };
      };
    },
    finish: async () => {
      await producer?.disconnect();
      await deleteTestTopics([topic]).catch(() => undefined);
    },
  };
}

async function openEmmett(databaseUrl: string): Promise<PostgresEventStore> {
  const store = getPostgreSQLEventStore(databaseUrl);
  // The first append creates Emmett's schema; it is not part of any timed run.
  await store.appendToStream(`warm-up-${randomUUID()}`, [{ type: 'WarmedUp', data: {} }]);
  return store;
}

const BARE_TABLE = (table: string) => `
  CREATE TABLE ${table} (
    global_position bigint GENERATED ALWAYS AS IDENTITY, event_id uuid, stream_id text, stream_version int, type text,
    schema_version int, data jsonb, actor text, source_system text, correlation_id text, causation_id text,
    occurred_at timestamptz, recorded_at timestamptz, prev_hash char(64), hash char(64),
    transaction_id xid8 DEFAULT pg_current_xact_id()
  )`;

const COLUMNS = [
  'event_id', 'stream_id', 'stream_version', 'type', 'schema_version', 'data', 'actor', 'source_system',
  'correlation_id', 'causation_id', 'occurred_at', 'recorded_at', 'prev_hash', 'hash',
] as const;

type Row = (string | number | null)[];

/** The events as rows of the events table, with hashes of the right shape (the ceiling does not compute a chain). */
function rowsOf(partnershipId: string, events: NewEvent[]): Row[] {
  const recordedAt = new Date().toISOString();
  return events.map((event, index) => {
    const hash = createHash('sha256').update(event.eventId).digest('hex');
    return [
      event.eventId, `partnership-${partnershipId}`, index + 1, event.type, event.schemaVersion, JSON.stringify(event.data),
      event.metadata.actor, event.metadata.sourceSystem, event.metadata.correlationId, event.metadata.causationId,
      event.occurredAt.toISOString(), recordedAt, '0'.repeat(64), hash,
    ];
  });
}

async function insertRows(pool: Pool, table: string, rows: Row[]): Promise<void> {
  const width = COLUMNS.length;
  const placeholders = rows.map((_, row) => `(${COLUMNS.map((__, column) => `$${row * width + column + 1}`).join(', ')})`);
  await pool.query(`INSERT INTO ${table} (${COLUMNS.join(', ')}) VALUES ${placeholders.join(', ')}`, rows.flat());
}

async function copyRows(pool: Pool, table: string, rows: Row[]): Promise<void> {
  const client = await pool.connect();
  try {
    const text = rows.map((row) => row.map(copyField).join('\t')).join('\n') + '\n';
    await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} (${COLUMNS.join(', ')}) FROM STDIN`)));
  } finally {
    client.release();
  }
}

/** A value in COPY's text format: \N for null, and the format's own escapes. */
function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (character) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[character]!);
}

/** The envelopes the relay would publish for these events. */
function envelopesOf(partnershipId: string, events: NewEvent[]): EventEnvelope[] {
  const recordedAt = new Date().toISOString();
  return events.map((event, index) => ({
    eventId: event.eventId,
    type: event.type as EventEnvelope['type'],
    schemaVersion: event.schemaVersion,
    streamId: `partnership-${partnershipId}`,
    streamVersion: index + 1,
    globalPosition: index + 1,
    occurredAt: event.occurredAt.toISOString(),
    recordedAt,
    data: event.data as EventEnvelope['data'],
    ...event.metadata,
    prevHash: '0'.repeat(64),
    hash: createHash('sha256').update(event.eventId).digest('hex'),
  }));
}
