/**
 * Replaying a range of history onto a real Kafka topic: the messages are exactly what
 * the outbox relay publishes for those events, in the log's order within each stream.
 */
import { toOutboxMessage } from '@ledger/event-store';
import { KafkaEventPublisher } from '@ledger/messaging';
import { createTestKafka, createTestTopics, deleteTestTopics, readMessages, uniqueName } from '@ledger/testing';
import { alignmentQuarterHistory } from '../../../projections/src/testing';
import { resolveRange } from '../export/log-range';
import { openAuditFixture, type AuditFixture } from '../testing/audit-fixture';
import { replayToTopic } from './topic-replay';

jest.setTimeout(90_000);

describe('replaying history onto a topic', () => {
  const history = alignmentQuarterHistory();
  const topic = uniqueName('audit-replay');
  let ledger: AuditFixture;
  let publisher: KafkaEventPublisher;

  beforeAll(async () => {
    ledger = await openAuditFixture();
    await ledger.record(history);
    await createTestTopics([topic], 3);
    publisher = new KafkaEventPublisher({ kafka: createTestKafka(), topic });
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher.disconnect();
    await deleteTestTopics([topic]);
    await ledger.close({ dropDatabase: true });
  });

  it('publishes each event of the range once, as the relay would, in stream order', async () => {
    const range = await resolveRange(ledger.log, { fromPosition: history[20]!.globalPosition, toPosition: history[79]!.globalPosition });

    const outcome = await replayToTopic({ log: ledger.log, publisher, range, batchSize: 25 });

    expect(outcome).toEqual({ eventsPublished: 60, lastPosition: history[79]!.globalPosition, interrupted: false });
    const messages = await readMessages(topic, { count: 60 });
    const expected = new Map(history.slice(20, 80).map((event) => [event.eventId, toOutboxMessage(event)]));
    for (const message of messages) {
      const sent = expected.get(message.headers['event-id']!);
      expect({ key: message.key, value: JSON.parse(message.value!), headers: message.headers }).toEqual({
        key: sent!.key,
        value: JSON.parse(sent!.value),
        headers: sent!.headers,
      });
    }
    expect(new Set(messages.map((message) => message.headers['event-id'])).size).toBe(60);
    for (const streamId of new Set(messages.map((message) => message.key))) {
      const versions = messages.filter((message) => message.key === streamId).map((message) => Number(message.headers['stream-version']));
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
    }
  });
});
