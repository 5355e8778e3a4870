import type { AppendRequest } from './append-request';
import { IdempotencyKeyReusedError } from './event-store.errors';
import { newEvent, openEventStoreFixture, uniqueStreamId, type EventStoreFixture } from './testing/event-store-fixture';

describe('EventStore idempotency', () => {
  let fixture: EventStoreFixture;

  beforeAll(async () => {
    fixture = await openEventStoreFixture();
  });
  afterAll(() => fixture.close());

  const keyed = (streamId: string, key: string, requestHash: string, expectedVersion: number | 'any' = 0): AppendRequest => ({
    streamId,
    expectedVersion,
    events: [newEvent()],
    idempotency: { key, requestHash },
  });

  it('answers a retry with the original result and appends nothing', async () => {
    const streamId = uniqueStreamId();
    const first = await fixture.store.append(keyed(streamId, `key-${streamId}`, 'hash-a'));

    const retry = await fixture.store.append(keyed(streamId, `key-${streamId}`, 'hash-a'));

    expect(retry).toEqual({ ...first, replayed: true });
    expect(await fixture.store.readStream(streamId)).toHaveLength(1);
  });

  it('finds the stored result and request fingerprint by key', async () => {
    const streamId = uniqueStreamId();
    const first = await fixture.store.append(keyed(streamId, `key-${streamId}`, 'hash-a'));

    expect(await fixture.store.findByIdempotencyKey(`key-${streamId}`)).toEqual({
      requestHash: 'hash-a',
      result: { ...first, replayed: true },
    });
    expect(await fixture.store.findByIdempotencyKey('never-used')).toBeNull();
  });

  it('refuses a key reused for a different request and writes nothing', async () => {
    const streamId = uniqueStreamId();
    await fixture.store.append(keyed(streamId, `key-${streamId}`, 'hash-a'));

    const reuse = fixture.store.append(keyed(streamId, `key-${streamId}`, 'hash-b', 1));

    await expect(reuse).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    await expect(reuse).rejects.toEqual(expect.objectContaining({ key: `key-${streamId}`, code: 'idempotency.key-reused' }));
    expect(await fixture.store.readStream(streamId)).toHaveLength(1);
  });

  it('records a key raced by concurrent retries once, and answers every retry with that result', async () => {
    const streamId = uniqueStreamId();

    const results = await Promise.all(
      Array.from({ length: 8 }, () => fixture.store.append(keyed(streamId, `key-${streamId}`, 'hash-a'))),
    );

    const originals = results.filter((result) => !result.replayed);
    expect(originals).toHaveLength(1);
    for (const result of results) expect({ ...result, replayed: false }).toEqual(originals[0]);
    expect(await fixture.store.readStream(streamId)).toHaveLength(1);
  });

  it("records a key raced by concurrent 'any' retries on an existing stream once", async () => {
    const streamId = uniqueStreamId();
    await fixture.store.append({ streamId, expectedVersion: 0, events: [newEvent()] });

    const results = await Promise.all(
      Array.from({ length: 8 }, () => fixture.store.append(keyed(streamId, `key-${streamId}`, 'hash-a', 'any'))),
    );

    const originals = results.filter((result) => !result.replayed);
    expect(originals).toHaveLength(1);
    for (const result of results) expect({ ...result, replayed: false }).toEqual(originals[0]);
    expect(await fixture.store.readStream(streamId)).toHaveLength(2);
  });
});
