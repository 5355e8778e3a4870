import type { EventEnvelope } from '@ledger/contracts';
import { KafkaEventPublisher, type EventPublisher } from '@ledger/messaging';
import { createTestKafka, createTestTopics, deleteTestTopics, readMessages, uniqueName, type ReadMessage } from '@ledger/testing';
import { newEvent, openEventStoreFixture, uniqueStreamId, type EventStoreFixture } from '../testing/event-store-fixture';
import { OutboxRelay, type OutboxRelayOptions, type RelayLogger } from './outbox-relay';

jest.setTimeout(60_000);

/**
 * Real Postgres and a real Kafka broker. The relay sees a commit only once every older
 * transaction on the server has ended, and other test files run meanwhile, so arrivals
 * are awaited (never timed); counts are then checked exactly.
 */
describe('OutboxRelay', () => {
  const kafka = createTestKafka();
  let fixture: EventStoreFixture;
  let topic: string;
  let publisher: KafkaEventPublisher;
  const relays: OutboxRelay[] = [];

  beforeEach(async () => {
    fixture = await openEventStoreFixture();
    topic = uniqueName('al-ledger-events');
    await createTestTopics([topic], 3);
    publisher = new KafkaEventPublisher({ kafka, topic });
    await publisher.connect();
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await publisher.disconnect();
    await deleteTestTopics([topic]);
    await fixture.close();
  });

  function relay(overrides: Partial<OutboxRelayOptions> = {}): OutboxRelay {
    const created = new OutboxRelay({
      eventStore: fixture.store,
      dataSource: fixture.dataSource,
      producer: publisher,
      topic,
      idleDelayMs: 20,
      standbyDelayMs: 20,
      ...overrides,
    });
    relays.push(created);
    return created;
  }

  async function appendToStreams(streamIds: string[], rounds: number): Promise<void> {
    for (let round = 0; round < rounds; round += 1) {
      for (const streamId of streamIds) {
        await fixture.store.append({ streamId, expectedVersion: 'any', events: [newEvent(), newEvent()] });
      }
    }
  }

  async function eventually(condition: () => Promise<boolean>, what: string): Promise<void> {
    for (let attempt = 0; attempt < 300; attempt += 1) {
      if (await condition()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Gave up waiting: ${what}`);
  }

  async function runUntilPublished(target: OutboxRelay, count: number): Promise<void> {
    let published = 0;
    await eventually(async () => (published += await target.runOnce()) >= count, `${count} events published`);
    expect(published).toBe(count);
  }

  /** Messages on the topic, duplicates included: the sum of the partitions' end offsets. */
  async function topicSize(): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  const envelopeOf = (message: ReadMessage): EventEnvelope => JSON.parse(message.value ?? 'null') as EventEnvelope;

  /** Stream id -> versions in the order they arrived. */
  function versionsByStream(messages: ReadMessage[]): Map<string, number[]> {
    const byStream = new Map<string, number[]>();
    for (const message of messages) {
      const envelope = envelopeOf(message);
      byStream.set(envelope.streamId, [...(byStream.get(envelope.streamId) ?? []), envelope.streamVersion]);
    }
    return byStream;
  }

  it('publishes every event once, in order within each stream, keyed by stream id', async () => {
    const streamIds = [uniqueStreamId(), uniqueStreamId(), uniqueStreamId()];
    await appendToStreams(streamIds, 3);

    await runUntilPublished(relay({ batchSize: 4 }), 18);

    const messages = await readMessages(topic, { count: 18 });
    expect(await topicSize()).toBe(18);
    expect(versionsByStream(messages)).toEqual(new Map(streamIds.map((id) => [id, [1, 2, 3, 4, 5, 6]])));
    for (const message of messages) {
      const envelope = envelopeOf(message);
      const [stored] = await fixture.store.readStream(envelope.streamId, { fromVersion: envelope.streamVersion, limit: 1 });
      expect(envelope).toEqual(stored);
      expect(message.key).toBe(envelope.streamId);
      expect(message.headers).toEqual({
        'event-id': stored.eventId,
        'event-type': stored.type,
        'stream-version': String(stored.streamVersion),
      });
    }
  });

  it('reports no lag once everything is published', async () => {
    await appendToStreams([uniqueStreamId()], 2);
    const active = relay();
    await runUntilPublished(active, 4);

    const head = await fixture.store.headPosition();

    expect(await active.lag()).toEqual({ events: 0, position: head, head });
  });

  it('loses nothing and repeats nothing when stopped and started again', async () => {
    const streamIds = [uniqueStreamId(), uniqueStreamId()];
    await appendToStreams(streamIds, 2);
    const first = relay();
    first.start();
    await eventually(async () => (await topicSize()) === 8, 'the first 8 events on the topic');
    await first.stop();

    await appendToStreams(streamIds, 2);
    const second = relay();
    second.start();
    await eventually(async () => (await topicSize()) >= 16, 'all 16 events on the topic');
    await second.stop();

    const messages = await readMessages(topic, { count: 16 });
    expect(await topicSize()).toBe(16);
    expect(versionsByStream(messages)).toEqual(new Map(streamIds.map((id) => [id, [1, 2, 3, 4, 5, 6, 7, 8]])));
  });

  it('keeps its position when sending fails, and publishes the same batch on retry', async () => {
    const streamId = uniqueStreamId();
    await appendToStreams([streamId], 2);
    let refusals = 1;
    const flaky: EventPublisher = {
      send: async (messages) => {
        if (refusals-- > 0) throw new Error('broker unavailable');
        await publisher.send(messages);
      },
    };
    const active = relay({ producer: flaky });
    await eventually(async () => (await active.lag()).events === 4, 'the 4 events visible to the relay');

    await expect(active.runOnce()).rejects.toThrow(/broker unavailable/);
    expect((await active.lag()).position).toBe(0);

    expect(await active.runOnce()).toBe(4);
    expect((await active.lag()).position).toBe(await fixture.store.headPosition());
    expect(versionsByStream(await readMessages(topic, { count: 4 }))).toEqual(new Map([[streamId, [1, 2, 3, 4]]]));
    expect(await topicSize()).toBe(4);
  });

  it('sends a batch again when the relay dies between sending it and storing its position', async () => {
    const streamId = uniqueStreamId();
    await appendToStreams([streamId], 2);
    const relayName = uniqueName('crashing-relay');
    const dyingAfterSend: EventPublisher = {
      send: async (messages) => {
        await publisher.send(messages);
        await fixture.dataSource.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
          [`outbox-relay:${relayName}`],
        );
      },
    };
    const crashing = relay({ relayName, producer: dyingAfterSend });
    await eventually(async () => (await crashing.lag()).events === 4, 'the 4 events visible to the relay');

    await expect(crashing.runOnce()).rejects.toThrow();
    expect(crashing.isActive()).toBe(false);
    expect((await crashing.lag()).position).toBe(0);

    await runUntilPublished(relay({ relayName }), 4);
    expect(versionsByStream(await readMessages(topic, { count: 8 }))).toEqual(new Map([[streamId, [1, 2, 3, 4, 1, 2, 3, 4]]]));
  });

  it('backs off and retries in its running loop until the broker takes the batch', async () => {
    await appendToStreams([uniqueStreamId()], 2);
    let refusals = 2;
    const flaky: EventPublisher = {
      send: async (messages) => {
        if (refusals-- > 0) throw new Error('broker unavailable');
        await publisher.send(messages);
      },
    };
    const warnings: string[] = [];
    const logger: RelayLogger = { info: () => undefined, warn: (_context, message) => warnings.push(message), error: () => undefined };

    relay({ producer: flaky, logger }).start();

    await eventually(async () => (await topicSize()) === 4, 'the 4 events on the topic');
    expect(warnings).toEqual([
      'Outbox relay could not publish; retrying the same batch',
      'Outbox relay could not publish; retrying the same batch',
    ]);
  });

  it('keeps a second instance on standby while the first holds the lease, then hands over', async () => {
    const streamId = uniqueStreamId();
    await appendToStreams([streamId], 1);
    const first = relay();
    const second = relay();
    await runUntilPublished(first, 2);

    await appendToStreams([streamId], 1);
    await eventually(async () => (await first.lag()).events === 2, 'the next 2 events visible');
    expect(await second.runOnce()).toBe(0);
    expect(second.isActive()).toBe(false);
    expect(first.isActive()).toBe(true);

    await first.stop();
    await runUntilPublished(second, 2);

    expect(second.isActive()).toBe(true);
    expect(versionsByStream(await readMessages(topic, { count: 4 }))).toEqual(new Map([[streamId, [1, 2, 3, 4]]]));
    expect(await topicSize()).toBe(4);
  });
});
