import { createTestKafka, createTestTopics, deleteTestTopics, readMessages, uniqueName } from '@ledger/testing';
import { KafkaEventPublisher, type OutgoingMessage } from './event-publisher';

jest.setTimeout(60_000);

describe('KafkaEventPublisher (real Kafka)', () => {
  const kafka = createTestKafka();
  const topic = uniqueName('publisher');
  let publisher: KafkaEventPublisher;

  beforeAll(async () => {
    await createTestTopics([topic], 3);
    publisher = new KafkaEventPublisher({ kafka, topic });
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher.disconnect();
    await deleteTestTopics([topic]);
  });

  async function messagesOnTopic(): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
    } finally {
      await admin.disconnect();
    }
  }

  function eventsOfStreams(streams: string[], perStream: number): OutgoingMessage[] {
    const messages: OutgoingMessage[] = [];
    for (let version = 1; version <= perStream; version += 1) {
      for (const stream of streams) {
        messages.push({ key: stream, value: `${stream}@${version}`, headers: { 'stream-version': String(version) } });
      }
    }
    return messages;
  }

  it('delivers every message with its key and headers, each key in the order sent and on one partition', async () => {
    const streams = ['partnership-a', 'partnership-b', 'partnership-c', 'partnership-d'];
    const sent = eventsOfStreams(streams, 5);
    await publisher.send(sent.slice(0, 7));
    await publisher.send(sent.slice(7));

    const received = await readMessages(topic, { count: sent.length });

    for (const stream of streams) {
      const ofStream = received.filter((message) => message.key === stream);
      expect(ofStream.map((message) => message.value)).toEqual([1, 2, 3, 4, 5].map((version) => `${stream}@${version}`));
      expect(ofStream.map((message) => message.headers['stream-version'])).toEqual(['1', '2', '3', '4', '5']);
      expect(new Set(ofStream.map((message) => message.partition)).size).toBe(1);
    }
  });

  it('delivers, in order, a burst on one stream larger than the broker takes in one request', async () => {
    const stream = 'partnership-burst';
    // 1,500 events of 1 KB on one partition: 1.5 MB, above Kafka's default max.message.bytes (1 MiB).
    const burst = Array.from({ length: 1500 }, (_, index) => ({
      key: stream,
      value: `${String(index + 1).padStart(6, '0')}${'x'.repeat(1018)}`,
      headers: { 'stream-version': String(index + 1) },
    }));
    const before = await messagesOnTopic();
    await publisher.send(burst);

    const received = (await readMessages(topic, { count: before + burst.length })).filter((message) => message.key === stream);
    expect(received.map((message) => message.headers['stream-version'])).toEqual(burst.map((message) => message.headers['stream-version']));
  });

  it('succeeds without writing anything when given no messages', async () => {
    const before = await messagesOnTopic();
    await publisher.send([]);
    expect(await messagesOnTopic()).toBe(before);
  });
});
