/**
 * Consuming every publisher's ingest topic on the real broker, including a topic that
 * appears while the consumer runs (kafkajs alone would never subscribe to it).
 */
import { createTestKafka, createTestTopics, deleteTestTopics, uniqueName } from '@ledger/testing';
import type { IngestMessage, IngestOutcome } from './ingest-message';
import { ingestTopicOf, principalOfIngestTopic, PublisherIngestConsumer } from './publisher-ingest-consumer';

jest.setTimeout(60_000);

const kafka = createTestKafka();

async function publish(topic: string, value: string): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  try {
    await producer.send({ topic, messages: [{ value }] });
  } finally {
    await producer.disconnect();
  }
}

async function waitUntil(condition: () => boolean, description: string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting until ${description}.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the ingest topic of a publisher', () => {
  it('is the prefix followed by the principal, and names the principal back', () => {
    const topic = ingestTopicOf('alignment.ledger.commands.v1.', 'crm');
    expect(topic).toBe('alignment.ledger.commands.v1.crm');
    expect(principalOfIngestTopic('alignment.ledger.commands.v1.', topic)).toBe('crm');
    expect(principalOfIngestTopic('alignment.ledger.commands.v1.', 'alignment.ledger.commands.v1.')).toBeNull();
    expect(principalOfIngestTopic('alignment.ledger.commands.v1.', 'alignment.ledger.commands.dlq.v1')).toBeNull();
  });
});

describe('PublisherIngestConsumer (real Kafka)', () => {
  const prefix = `${uniqueName('publishers')}.`;
  const deadLetterTopic = uniqueName('publishers-dlq');
  const first = ingestTopicOf(prefix, 'crm');
  const later = ingestTopicOf(prefix, 'finance');
  const outside = uniqueName('not-an-ingest-topic');

  afterAll(() => deleteTestTopics([first, later, outside, deadLetterTopic]));

  it('consumes the topics under its prefix, and a new one within the refresh interval, telling each message by its topic', async () => {
    await createTestTopics([first, outside, deadLetterTopic], 1);
    const handled: Array<{ topic: string; value: string }> = [];
    const handle = async ({ topic, value }: IngestMessage): Promise<IngestOutcome> => {
      handled.push({ topic, value: value?.toString('utf8') ?? '' });
      return { status: 'accepted' };
    };
    const consumer = new PublisherIngestConsumer({ kafka, groupId: uniqueName('publishers'), topicPrefix: prefix, refreshIntervalMs: 500, deadLetterTopic, handle });
    await publish(first, 'from crm');
    await publish(outside, 'from elsewhere');
    await consumer.start();
    try {
      await waitUntil(() => handled.length >= 1, 'the message on the first topic was handled');
      expect(consumer.consumedTopics).toEqual([first]);

      await createTestTopics([later], 1);
      await publish(later, 'from finance');
      await waitUntil(() => handled.length >= 2, 'the message on the topic created later was handled');
    } finally {
      await consumer.stop();
    }

    expect(handled).toEqual([
      { topic: first, value: 'from crm' },
      { topic: later, value: 'from finance' },
    ]);
    expect(consumer.consumedTopics).toEqual([first, later].sort());
  });
});
