/**
 * Publishing onto a Kafka ingest topic instead of calling HTTP, end to end on the
 * built services: a submission is recorded (with the producing principal as its actor)
 * and published like any other, a redelivered one is recorded once, and a message that
 * can never be accepted goes to the dead-letter topic with its reason while the
 * consumer carries on with the next.
 */
import { partnershipStreamId, type CommandSubmission } from '@ledger/contracts';
import { createTestKafka, testKafkaPrincipal } from '@ledger/testing';
import type { Producer } from 'kafkajs';
import { eventually } from '../support/eventually';
import { LedgerStack, TEST_PUBLISHER } from '../support/ledger-stack';

jest.setTimeout(180_000);

const PARTNERSHIP = 'kafka-mkt-sales';

describe('command submissions from the Kafka ingest topic', () => {
  let stack: LedgerStack;
  let producer: Producer;

  /** Keyed by partnership, as publishers are asked to, so one partnership's submissions stay in order. */
  const publish = async (value: string, headers: Record<string, string> = {}) => {
    await producer.send({ topic: stack.topics.publisherIngest, messages: [{ key: PARTNERSHIP, value, headers }] });
  };
  const submit = (submission: CommandSubmission) => publish(JSON.stringify(submission));
  const eventsWhen = (description: string, holds: (types: string[], data: Record<string, unknown>[]) => boolean) =>
    eventually(async () => {
      const events = await stack.eventsOf(PARTNERSHIP);
      return holds(events.map((event) => event.type), events.map((event) => event.data as Record<string, unknown>)) && events;
    }, description);

  beforeAll(async () => {
    stack = await LedgerStack.start('command-ingest');
    // The publisher's own principal: the only one its ingest topic accepts.
    producer = createTestKafka(undefined, testKafkaPrincipal(TEST_PUBLISHER)).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await stack?.stop();
  });

  it('records a submission from the ingest topic with the producing principal as its actor, visible over HTTP and on the ledger events topic', async () => {
    await submit({
      type: 'ProposePartnership',
      partnershipId: PARTNERSHIP,
      idempotencyKey: 'kafka-e2e/propose',
      sourceSystem: 'crm',
      data: {
        partnershipId: PARTNERSHIP,
        name: 'Marketing and Sales, over Kafka',
        partners: [
          { teamId: 'marketing', displayName: 'Marketing' },
          { teamId: 'sales', displayName: 'Sales' },
        ],
        proposedBy: 'marketing',
      },
    });

    const recorded = await eventsWhen('the proposal sent over Kafka to be recorded', (types) => types.includes('PartnershipProposed'));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ type: 'PartnershipProposed', actor: TEST_PUBLISHER, sourceSystem: 'crm', streamVersion: 1 });
    const published = (await stack.publishedEvents()).filter(({ key }) => key === partnershipStreamId(PARTNERSHIP));
    expect(published.map(({ value }) => JSON.parse(value ?? 'null'))).toEqual(recorded);
  });

  it('records a submission delivered twice with the same idempotency key once', async () => {
    await submit(metricSubmission('kafka-e2e/define-metric', 'DefineMetric', {
      metricId: 'mql-volume', name: 'MQL volume', definition: 'Leads that became MQLs in the month.', ownerTeamId: 'marketing',
      indicator: 'leading', unit: 'leads', direction: 'higher-is-better', cadence: 'monthly',
    }));
    // A target for the same period may be set again, so only the idempotency key keeps the retry from being recorded.
    const target = metricSubmission('kafka-e2e/target-2026-01', 'SetMetricTarget', { metricId: 'mql-volume', period: '2026-01', target: 400 });
    await submit(target);
    await submit(target);
    await submit(metricSubmission('kafka-e2e/target-2026-02', 'SetMetricTarget', { metricId: 'mql-volume', period: '2026-02', target: 420 }));

    const recorded = await eventsWhen('the submission sent after the retry to be recorded', (_, data) => data.some(({ period }) => period === '2026-02'));
    expect(recorded.filter(({ type, data }) => type === 'MetricTargetSet' && (data as { period: string }).period === '2026-01')).toHaveLength(1);
  });

  it('dead-letters messages it can never accept, with the reason, and records the next valid one', async () => {
    const malformed = '{"type": "RecordReading", "partnershipId": ';
    await publish(malformed, { 'idempotency-key': 'kafka-e2e/malformed' });
    await submit(metricSubmission('kafka-e2e/reading-without-value', 'RecordReading', { readingId: 'mql-2026-01', metricId: 'mql-volume', period: '2026-01' }));
    await submit(metricSubmission('kafka-e2e/reading-2026-01', 'RecordReading', { readingId: 'mql-2026-01', metricId: 'mql-volume', period: '2026-01', value: 412 }));

    const recorded = await eventsWhen('the valid reading after the rejected messages to be recorded', (types) => types.includes('ReadingRecorded'));
    expect(recorded.filter(({ type }) => type === 'ReadingRecorded').map(({ data }) => data)).toEqual([
      expect.objectContaining({ readingId: 'mql-2026-01', value: 412 }),
    ]);
    const deadLetters = (await stack.allMessages(stack.topics.commandDeadLetter)).filter(({ key }) => key === PARTNERSHIP);
    expect(deadLetters.map(({ headers }) => headers['dlq-reason-code'])).toEqual(['submission.malformed-json', 'submission.invalid']);
    expect(deadLetters[0].value).toBe(malformed);
    expect(deadLetters[1].headers['dlq-reason-field']).toBe('data.value');
  });
});

function metricSubmission(idempotencyKey: string, type: string, data: Record<string, unknown>): CommandSubmission {
  return { type, partnershipId: PARTNERSHIP, idempotencyKey, sourceSystem: 'marketing-automation', data };
}
