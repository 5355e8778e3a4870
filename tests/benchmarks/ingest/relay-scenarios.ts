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
import { DEFAULT_RELAY_BATCH_SIZE, OutboxRelay } from '@ledger/event-store';
import { KafkaEventPublisher } from '@ledger/messaging';
import { createTestKafka, createTestTopics, deleteTestTopics, uniqueName } from '@ledger/testing';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { appendHistory } from './kafka-ingest-scenarios';
import { freshRunName, type LedgerUnderTest } from './ledger-scenarios';
import { untilAllPublished } from './measure';
import type { Scenario } from './scenario';
import type { IngestSettings } from './settings';
import { Workload } from './workload';

export interface RelayUnderTest extends LedgerUnderTest {
  dataSource: DataSource;
}

export function relayCatchUpScenario(ledger: RelayUnderTest, settings: IngestSettings, pool: Pool, partitions: number): Scenario {
  const perPartnership = Math.ceil(settings.batchedEventsPerRun / settings.partnerships);
  const backlog = perPartnership * settings.partnerships;
  const topic = uniqueName('bench-relay');
  let publisher: KafkaEventPublisher | null = null;
  return {
    key: 'ledger.relay.catch-up',
    label: 'outbox relay alone, draining a backlog',
    batchSize: DEFAULT_RELAY_BATCH_SIZE,
    concurrency: 1,
    eventsPerRun: backlog,
    publishes: false,
    prepare: async () => {
      if (!publisher) {
        await createTestTopics([topic], partitions);
        publisher = new KafkaEventPublisher({ kafka: createTestKafka(uniqueName('bench-relay')), topic });
        await publisher.connect();
      }
      const relayName = await appendBacklog(ledger, pool, perPartnership, settings.partnerships);
      await untilAllPublished(pool);
      const relay = new OutboxRelay({ eventStore: ledger.eventStore, dataSource: ledger.dataSource, producer: publisher, topic, relayName });
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

/**
 * Appends the backlog and names a relay whose stored position is the log's last event
 * before it: nothing else writes meanwhile, so the relay resumes exactly at the backlog.
 */
async function appendBacklog(ledger: LedgerUnderTest, pool: Pool, perPartnership: number, partnerships: number): Promise<string> {
  const { rows } = await pool.query<{ position: string }>('SELECT coalesce(max(global_position), 0) AS position FROM ledger.events');
  await appendHistory(ledger, new Workload(freshRunName('relay'), partnerships), perPartnership);
  const relayName = freshRunName('bench-relay');
  await pool.query('INSERT INTO ledger.relay_positions (relay_name, position, updated_at) VALUES ($1, $2, now())', [relayName, rows[0]!.position]);
  return relayName;
}
