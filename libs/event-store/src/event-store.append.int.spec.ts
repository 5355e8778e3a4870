import { computeEventHash, GENESIS_HASH } from '@ledger/integrity';
import { WrongExpectedVersionError } from './event-store.errors';
import { newEvent, openEventStoreFixture, uniqueStreamId, type EventStoreFixture } from './testing/event-store-fixture';

describe('EventStore.append', () => {
  const recordedAt = new Date('2025-03-02T10:00:00.456Z');
  let fixture: EventStoreFixture;

  beforeAll(async () => {
    fixture = await openEventStoreFixture(() => recordedAt);
  });
  afterAll(() => fixture.close());

  const eventCount = async (streamId: string): Promise<number> => (await fixture.store.readStream(streamId)).length;

  it('records events that read back with every envelope field', async () => {
    const streamId = uniqueStreamId();
    const event = newEvent({
      data: { metricId: 'win-rate', nested: { b: [1, 2.5, 'x'], a: null }, unicode: 'Ünïcødé ✓' },
      metadata: { actor: 'alice@marketing', sourceSystem: 'marketing-automation', correlationId: 'corr-1', causationId: 'cmd-1' },
    });

    const result = await fixture.store.append({ streamId, expectedVersion: 0, events: [event] });
    const [read] = await fixture.store.readStream(streamId);

    expect(result).toEqual({
      streamId,
      streamVersion: 1,
      replayed: false,
      events: [{ eventId: event.eventId, type: event.type, streamVersion: 1, globalPosition: read.globalPosition }],
    });
    expect(read).toEqual({
      eventId: event.eventId,
      type: event.type,
      schemaVersion: 1,
      streamId,
      streamVersion: 1,
      globalPosition: read.globalPosition,
      occurredAt: '2025-03-01T09:30:00.123Z',
      recordedAt: '2025-03-02T10:00:00.456Z',
      data: event.data,
      actor: 'alice@marketing',
      sourceSystem: 'marketing-automation',
      correlationId: 'corr-1',
      causationId: 'cmd-1',
      prevHash: GENESIS_HASH,
      hash: read.hash,
    });
    expect(read.globalPosition).toBeGreaterThan(0);
    expect(read.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives a multi-event append consecutive versions and increasing positions', async () => {
    const streamId = uniqueStreamId();
    await fixture.store.append({ streamId, expectedVersion: 0, events: [newEvent()] });

    const result = await fixture.store.append({ streamId, expectedVersion: 1, events: [newEvent(), newEvent(), newEvent()] });

    expect(result.streamVersion).toBe(4);
    expect(result.events.map((event) => event.streamVersion)).toEqual([2, 3, 4]);
    const positions = result.events.map((event) => event.globalPosition);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(await fixture.store.streamVersion(streamId)).toBe(4);
  });

  it('links each event to the previous hash of its stream, and every hash recomputes from the stored row', async () => {
    const streamId = uniqueStreamId();
    await fixture.store.append({ streamId, expectedVersion: 0, events: [newEvent(), newEvent({ data: { amount: 1e21, tiny: 1e-7 } })] });
    await fixture.store.append({ streamId, expectedVersion: 2, events: [newEvent({ data: 'a bare string' })] });

    const events = await fixture.store.readStream(streamId);

    expect(events.map((event) => event.prevHash)).toEqual([GENESIS_HASH, events[0].hash, events[1].hash]);
    for (const event of events) expect(computeEventHash(event.prevHash, event)).toBe(event.hash);
  });

  it('refuses a stale expected version and writes nothing', async () => {
    const streamId = uniqueStreamId();
    await fixture.store.append({ streamId, expectedVersion: 0, events: [newEvent(), newEvent()] });

    const stale = fixture.store.append({ streamId, expectedVersion: 1, events: [newEvent()] });

    await expect(stale).rejects.toEqual(expect.objectContaining({ streamId, expectedVersion: 1, actualVersion: 2 }));
    await expect(stale).rejects.toBeInstanceOf(WrongExpectedVersionError);
    expect(await eventCount(streamId)).toBe(2);
    expect(await fixture.store.streamVersion(streamId)).toBe(2);
  });

  it('refuses to create a stream that already exists', async () => {
    const streamId = uniqueStreamId();
    await fixture.store.append({ streamId, expectedVersion: 0, events: [newEvent()] });

    await expect(fixture.store.append({ streamId, expectedVersion: 0, events: [newEvent()] })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(await eventCount(streamId)).toBe(1);
  });

  it('lets exactly one of many concurrent appends with the same expected version win', async () => {
    const streamId = uniqueStreamId();
    await fixture.store.append({ streamId, expectedVersion: 0, events: [newEvent()] });

    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => fixture.store.append({ streamId, expectedVersion: 1, events: [newEvent()] })),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(losers.every((loser) => loser.reason instanceof WrongExpectedVersionError)).toBe(true);
    expect(await eventCount(streamId)).toBe(2);
  });

  it('lets exactly one of many concurrent creations of the same stream win', async () => {
    const streamId = uniqueStreamId();

    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => fixture.store.append({ streamId, expectedVersion: 0, events: [newEvent()] })),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const losers = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    expect(losers.map((loser) => loser.reason)).toEqual(
      losers.map(() => expect.objectContaining({ streamId, expectedVersion: 0, actualVersion: 1 })),
    );
    expect(await eventCount(streamId)).toBe(1);
  });

  it("appends every concurrent 'any' append, one after another, with an intact chain", async () => {
    const streamId = uniqueStreamId();

    await Promise.all(Array.from({ length: 8 }, () => fixture.store.append({ streamId, expectedVersion: 'any', events: [newEvent()] })));

    const events = await fixture.store.readStream(streamId);
    expect(events.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    events.forEach((event, index) => {
      expect(event.prevHash).toBe(index === 0 ? GENESIS_HASH : events[index - 1].hash);
      expect(computeEventHash(event.prevHash, event)).toBe(event.hash);
    });
  });

  it('treats an append without events as a programming error', async () => {
    const streamId = uniqueStreamId();

    await expect(fixture.store.append({ streamId, expectedVersion: 0, events: [] })).rejects.toThrow(/at least one event/);
    expect(await fixture.store.streamVersion(streamId)).toBe(0);
  });

  it('refuses an event with an invalid business time before writing anything', async () => {
    const streamId = uniqueStreamId();

    const append = fixture.store.append({ streamId, expectedVersion: 0, events: [newEvent({ occurredAt: new Date('nonsense') })] });

    await expect(append).rejects.toThrow(/invalid occurredAt/);
    expect(await fixture.store.streamVersion(streamId)).toBe(0);
  });
});
