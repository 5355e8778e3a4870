/**
 * The write path end to end, on the built services: a realistic quarter (the demo
 * dataset) posted to the ledger over HTTP, recorded in Postgres, and published by the
 * outbox relay to the ledger events topic - every event exactly once, keyed by its
 * stream, in stream order, with the envelope the ledger itself serves - including the
 * events recorded while the relay was stopped.
 */
import type { CommandSubmission, EventEnvelope } from '@ledger/contracts';
import type { ReadMessage } from '@ledger/testing';
import { loadDemo, type DemoLoadReport } from '../../apps/cli/src/commands/demo/load-demo';
import { buildDemoDataset } from '../../apps/cli/src/demo/demo-dataset';
import { LedgerClient } from '../../apps/cli/src/ledger-client/ledger-client';
import { LedgerStack } from '../support/ledger-stack';

jest.setTimeout(180_000);

interface PublishedEvent {
  key: string | null;
  partition: number;
  headers: Record<string, string>;
  envelope: EventEnvelope;
}

function decode(messages: ReadMessage[]): PublishedEvent[] {
  return messages.map(({ key, partition, headers, value }) => ({ key, partition, headers, envelope: JSON.parse(value ?? 'null') }));
}

const total = (report: DemoLoadReport, count: 'recorded' | 'alreadyLoaded' | 'eventsRecorded') =>
  report.partnerships.reduce((sum, load) => sum + load[count], 0);

/** Each recorded event arrived once, as the ledger serves it, and each stream's events arrived in stream order on one partition. */
function expectPublishedExactlyOnceInOrder(published: PublishedEvent[], recorded: EventEnvelope[]): void {
  expect(published).toHaveLength(recorded.length);
  expect(new Set(published.map(({ envelope }) => envelope.eventId)).size).toBe(recorded.length);
  const recordedById = new Map(recorded.map((event) => [event.eventId, event]));
  for (const { key, headers, envelope } of published) {
    expect(envelope).toEqual(recordedById.get(envelope.eventId));
    expect(key).toBe(envelope.streamId);
    expect(headers).toMatchObject({ 'event-id': envelope.eventId, 'event-type': envelope.type, 'stream-version': String(envelope.streamVersion) });
  }
  for (const streamId of new Set(recorded.map((event) => event.streamId))) {
    const ofStream = published.filter(({ envelope }) => envelope.streamId === streamId);
    const versions = ofStream.map(({ envelope }) => envelope.streamVersion);
    expect(versions).toEqual(versions.map((_, index) => index + 1));
    expect(new Set(ofStream.map(({ partition }) => partition)).size).toBe(1);
  }
}

describe('the write path, from HTTP submissions to the ledger events topic', () => {
  const dataset = buildDemoDataset(new Date(Math.floor(Date.now() / 1000) * 1000));
  const partnershipIds = dataset.partnerships.map(({ partnershipId }) => partnershipId);
  let stack: LedgerStack;
  let client: LedgerClient;

  const recordedEvents = async () => (await Promise.all(partnershipIds.map((id) => stack.eventsOf(id)))).flat();

  beforeAll(async () => {
    stack = await LedgerStack.start('write-path');
    client = new LedgerClient(stack.ledger.url, stack.keys.publisher);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('records a quarter of demo submissions and publishes every event exactly once, keyed by stream, in stream order', async () => {
    const report = await loadDemo(client, dataset);

    expect(total(report, 'recorded')).toBe(dataset.submissions.length);
    const recorded = await recordedEvents();
    expect(recorded).toHaveLength(total(report, 'eventsRecorded'));
    expectPublishedExactlyOnceInOrder(decode(await stack.publishedEvents()), recorded);
  });

  it('records each submission in the order it was sent, so business time never runs backwards within a stream', async () => {
    for (const partnershipId of partnershipIds) {
      const occurredAt = (await stack.eventsOf(partnershipId)).map((event) => Date.parse(event.occurredAt));
      expect(occurredAt).toEqual([...occurredAt].sort((a, b) => a - b));
    }
  });

  it('records nothing new when the same demo is loaded again, and publishes nothing new', async () => {
    const before = await recordedEvents();

    const report = await loadDemo(client, dataset);

    expect(total(report, 'recorded')).toBe(0);
    expect(total(report, 'alreadyLoaded')).toBe(dataset.submissions.length);
    expect(await recordedEvents()).toEqual(before);
    expect(await stack.publishedEvents()).toHaveLength(before.length);
  });

  it('publishes the events recorded while the relay was stopped once it restarts, none lost, none reordered', async () => {
    const publishedBefore = await stack.messageCount(stack.topics.ledgerEvents);
    await stack.stopRelay();
    // The CRM and the service desk keep reporting while nothing is published.
    const submissions: CommandSubmission[] = Array.from({ length: 40 }, (_, index) =>
      index % 4 === 3
        ? observation('mkt-it', 'critical-incident-resolution', `restart-incident-${index}`, 3.5)
        : observation('mkt-sales', 'mql-first-contact', `restart-first-contact-${index}`, 20 + index),
    );
    const { outcomes } = await client.submitBatch(submissions);
    expect(outcomes.every((outcome) => 'result' in outcome && !outcome.replayed)).toBe(true);
    expect(await stack.messageCount(stack.topics.ledgerEvents)).toBe(publishedBefore);

    await stack.startRelay();

    expectPublishedExactlyOnceInOrder(decode(await stack.publishedEvents()), await recordedEvents());
  });
});

function observation(partnershipId: string, slaId: string, observationId: string, value: number): CommandSubmission {
  return {
    type: 'RecordSlaObservation',
    partnershipId,
    idempotencyKey: `write-path-e2e/${observationId}`,
    sourceSystem: 'crm',
    data: { observationId, slaId, value, subject: observationId },
  };
}
