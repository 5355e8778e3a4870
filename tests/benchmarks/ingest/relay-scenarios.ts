/**
 * The outbox relay on its own: how fast it drains a backlog of recorded events onto
 * Kafka, and what each event costs it in CPU. The backlog is appended untimed through
 * the library and first published by the stack's relay service (so nothing else runs
 * during the timed part); then an `OutboxRelay` in this process, under a relay name of
 * its own positioned just before the backlog, publishes it again to a topic of its own.
 * With the relay as the only busy process, the figure is its ceiling on this machine,
 * and the CPU per event (`process.cpuUsage` over the timed part) is what the other
 * scenarios' published rates are made of.
 */
import { partnershipStreamId } from '@ledger/contracts';
import { EventStore, OutboxRelay } from '@ledger/event-store';
import { KafkaEventPublisher } from '@ledger/messaging';
import { createTestKafka, createTestTopics, deleteTestTopics, uniqueName } from '@ledger/testing';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { freshRunName, type LedgerUnderTest } from './ledger-scenarios';
import { untilAllPublished } from './measure';
import type { Scenario } from './scenario';
import type { IngestSettings } from './settings';
import { Workload } from './workload';

const EVENTS_PER_APPEND = 1000;
/** The relay service's default (`RELAY_BATCH_SIZE`). */
const RELAY_BATCH_SIZE = 500;

export interface RelayUnderTest extends LedgerUnderTest {
  dataSource: DataSource;
}

export function relayCatchUpScenario(ledger: RelayUnderTest, settings: IngestSettings, pool: Pool, partitions: number): Scenario {
  const backlog = settings.batchedEventsPerRun;
  const topic = uniqueName('bench-relay');
  let publisher: KafkaEventPublisher | null = null;
  return {
    key: 'ledger.relay.catch-up',
    label: 'outbox relay alone, draining a backlog',
    batchSize: RELAY_BATCH_SIZE,
    concurrency: 1,
    eventsPerRun: backlog,
    publishes: false,
    prepare: async () => {
      if (!publisher) {
        await createTestTopics([topic], partitions);
        publisher = new KafkaEventPublisher({ kafka: createTestKafka(uniqueName('bench-relay')), topic });
        await publisher.connect();
      }
      const relayName = await appendBacklog(ledger.eventStore, pool, backlog, settings.partnerships);
      await untilAllPublished(pool);
      const relay = new OutboxRelay({ eventStore: ledger.eventStore, dataSource: ledger.dataSource, producer: publisher, topic, relayName, batchSize: RELAY_BATCH_SIZE });
      return async () => {
        const cpuBefore = process.cpuUsage();
        let published = 0;
        while (published < backlog) {
          const sent = await relay.runOnce();
          if (sent === 0) throw new Error(`The relay found nothing more to publish after ${published} of ${backlog} events.`);
          published += sent;
        }
        const cpu = process.cpuUsage(cpuBefore);
        await relay.stop();
        return { events: published, cpuMicrosecondsPerEvent: (cpu.user + cpu.system) / published };
      };
    },
    finish: async () => {
      await publisher?.disconnect();
      await deleteTestTopics([topic]).catch(() => undefined);
    },
  };
}

/** Appends the backlog and names a relay whose stored position is just before it. */
async function appendBacklog(eventStore: EventStore, pool: Pool, events: number, partnerships: number): Promise<string> {
  const workload = new Workload(freshRunName('relay'), partnerships);
  const versions = new Map<string, number>();
  let firstPosition: number | null = null;
  for (let appended = 0, call = 0; appended < events; call += 1) {
    const count = Math.min(EVENTS_PER_APPEND, events - appended);
    const streamId = partnershipStreamId(workload.partnershipId(call));
    const result = await eventStore.append({ streamId, expectedVersion: versions.get(streamId) ?? 0, events: workload.observationEvents(count, 'test-publisher') });
    versions.set(streamId, result.streamVersion);
    firstPosition ??= result.events[0]!.globalPosition;
    appended += count;
  }
  const relayName = freshRunName('bench-relay');
  // Before the backlog's first event: the events before it all committed earlier, so readAll resumes exactly at the backlog.
  const [{ position }] = (await pool.query<{ position: string }>('SELECT coalesce(max(global_position), 0) AS position FROM ledger.events WHERE global_position < $1', [firstPosition]))
    .rows as [{ position: string }];
  await pool.query('INSERT INTO ledger.relay_positions (relay_name, position, updated_at) VALUES ($1, $2, now())', [relayName, position]);
  return relayName;
}
