/**
 * The ledger's Kafka ingest: a publisher (the CRM) produces single submissions to its
 * ingest topic, and the running ledger consumes, decides and records them; the clock
 * stops when the relay has published the last resulting event, as for every ledger
 * scenario. Produced as fast as the producer goes, so the figure is the rate at which
 * the ledger drains a backlog.
 *
 * Run twice: on fresh partnerships, and on partnerships that already hold a long history
 * of observations, since a decision that grew with the history (copying every earlier
 * observation id) once brought this path from hundreds to tens of submissions a second.
 * The history is appended untimed through the library, and one submission per
 * partnership goes over HTTP before the clock starts, so the ledger has loaded each
 * partnership once: what is timed is the steady state, not the first load.
 */
import { partnershipStreamId, type CommandSubmission } from '@ledger/contracts';
import { createTestKafka, testKafkaPrincipal } from '@ledger/testing';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { whileProgressing } from '../../support/eventually';
import { TEST_PUBLISHER } from '../../support/ledger-stack';
import { BenchHttpClient } from './http-client';
import { freshRunName, partnershipsOverHttp, postBatch, type LedgerUnderTest } from './ledger-scenarios';
import type { Scenario } from './scenario';
import type { IngestSettings } from './settings';
import type { Workload } from './workload';

/** Messages per `send`: the producer's own batching does the rest. */
const MESSAGES_PER_SEND = 500;
const HISTORY_EVENTS_PER_APPEND = 1000;
/** How often the drain is looked at: the clock stops at the first look that sees it done. */
const COMMITTED_POLL_MS = 50;
/** A drain that records nothing for this long has stalled. */
const STALL_MS = 60_000;

export interface KafkaIngestUnderTest extends LedgerUnderTest {
  ingestTopic: string;
}

/** `historyPerPartnership` observations already recorded in every partnership before the clock starts (0: fresh). */
export function kafkaIngestScenario(ledger: KafkaIngestUnderTest, settings: IngestSettings, pool: Pool, historyPerPartnership: number): Scenario {
  const messages = settings.kafkaMessagesPerRun;
  const client = new BenchHttpClient(ledger.ledgerUrl, ledger.publisherKey, 4);
  let producer: Producer | null = null;
  const history = historyPerPartnership === 0 ? 'fresh partnerships' : `${historyPerPartnership.toLocaleString('en-US')} earlier observations each`;
  return {
    key: historyPerPartnership === 0 ? 'ledger.kafka.fresh' : 'ledger.kafka.history',
    label: `ledger, Kafka ingest topic, ${history}`,
    batchSize: 1,
    concurrency: 1,
    eventsPerRun: messages,
    publishes: true,
    prepare: async () => {
      producer ??= await connectedPublisher();
      const workload = await partnershipsOverHttp(client, freshRunName('kafka-ingest'), settings.partnerships);
      await appendHistory(ledger, workload, historyPerPartnership);
      await postBatch(client, workload.observationSubmissions(workload.partnershipCount));
      const streams = workload.partnershipIds.map(partnershipStreamId);
      const submissions = workload.observationSubmissions(messages);
      const publisher = producer;
      const before = await eventsIn(pool, streams);
      return async () => {
        for (let start = 0; start < submissions.length; start += MESSAGES_PER_SEND) {
          await publisher.send({ topic: ledger.ingestTopic, messages: submissions.slice(start, start + MESSAGES_PER_SEND).map(asMessage) });
        }
        await whileProgressing(() => eventsIn(pool, streams), before + messages, 'the ledger recording the ingest topic', STALL_MS, COMMITTED_POLL_MS);
        return { events: messages };
      };
    },
    finish: async () => {
      await producer?.disconnect();
      await client.close();
    },
  };
}

async function connectedPublisher(): Promise<Producer> {
  const producer = createTestKafka(undefined, testKafkaPrincipal(TEST_PUBLISHER)).producer();
  await producer.connect();
  return producer;
}

/** Already-decided observations appended straight to each partnership's stream, as the ledger would have recorded them. */
export async function appendHistory(ledger: LedgerUnderTest, workload: Workload, perPartnership: number): Promise<void> {
  for (const partnershipId of workload.partnershipIds) {
    const streamId = partnershipStreamId(partnershipId);
    for (let appended = 0; appended < perPartnership; appended += HISTORY_EVENTS_PER_APPEND) {
      const events = workload.observationEvents(Math.min(HISTORY_EVENTS_PER_APPEND, perPartnership - appended), ledger.actor.accountId);
      await ledger.eventStore.append({ streamId, expectedVersion: 'any', events });
    }
  }
}

function asMessage(submission: CommandSubmission): { key: string; value: string } {
  return { key: submission.partnershipId, value: JSON.stringify(submission) };
}

/** A stream's version is its number of events: summing the heads stays cheap however long the histories grow. */
async function eventsIn(pool: Pool, streams: string[]): Promise<number> {
  const { rows } = await pool.query<{ events: number }>('SELECT coalesce(sum(version), 0)::int AS events FROM ledger.streams WHERE stream_id = ANY($1)', [streams]);
  return rows[0]!.events;
}

