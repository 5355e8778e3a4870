import { verifyStreamChains } from '@ledger/integrity';
import type { AppendRequest } from './append-request';
import { IdempotencyKeyReusedError, WrongExpectedVersionError } from './event-store.errors';
import { newEvent, openEventStoreFixture, uniqueStreamId, type EventStoreFixture } from './testing/event-store-fixture';

describe('EventStore group commit (appendMany)', () => {
  let fixture: EventStoreFixture;

  beforeAll(async () => {
    fixture = await openEventStoreFixture();
  });
  afterAll(() => fixture.close());

  const appendTo = (streamId: string, expectedVersion: number | 'any', events = 1, key?: string): AppendRequest => ({
    streamId,
    expectedVersion,
    events: Array.from({ length: events }, () => newEvent()),
    idempotency: key ? { key, requestHash: `hash-of-${key}` } : undefined,
  });

  const transactionsOf = async (streamIds: string[]) =>
    (
      await fixture.dataSource.query('SELECT DISTINCT transaction_id::text FROM ledger.events WHERE stream_id = ANY($1::text[])', [streamIds])
    ).length as number;

  it('records appends to many streams in one transaction, each answered on its own', async () => {
    const streams = [uniqueStreamId(), uniqueStreamId(), uniqueStreamId()];

    const outcomes = await fixture.store.appendMany(streams.map((streamId, index) => appendTo(streamId, 0, index + 1)));

    expect(outcomes.map((outcome) => outcome.ok && outcome.result.streamVersion)).toEqual([1, 2, 3]);
    expect(await transactionsOf(streams)).toBe(1);
    for (const streamId of streams) {
      const stored = await fixture.store.readStream(streamId);
      expect(verifyStreamChains(stored)).toEqual({ status: 'intact', events: stored.length, streams: 1 });
    }
  });

  it('refuses only the append whose expected version is stale, and records the rest', async () => {
    const [existing, fresh] = [uniqueStreamId(), uniqueStreamId()];
    await fixture.store.append(appendTo(existing, 0, 2));

    const outcomes = await fixture.store.appendMany([appendTo(existing, 1), appendTo(fresh, 0)]);

    expect(outcomes[0]).toEqual({ ok: false, error: new WrongExpectedVersionError(existing, 1, 2) });
    expect(outcomes[1]).toMatchObject({ ok: true, result: { streamId: fresh, streamVersion: 1 } });
    expect(await fixture.store.streamVersion(existing)).toBe(2);
  });

  it('chains appends of one stream: each is checked against the head the one before leaves', async () => {
    const streamId = uniqueStreamId();

    const outcomes = await fixture.store.appendMany([appendTo(streamId, 0, 2), appendTo(streamId, 2), appendTo(streamId, 3, 3)]);

    expect(outcomes.map((outcome) => outcome.ok && outcome.result.streamVersion)).toEqual([2, 3, 6]);
    const stored = await fixture.store.readStream(streamId);
    expect(stored.map((event) => event.streamVersion)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(verifyStreamChains(stored)).toMatchObject({ status: 'intact' });
  });

  it('refuses the rest of a chain once a link is refused, even when another writer moved the head by as many events', async () => {
    const streamId = uniqueStreamId();
    await fixture.store.append(appendTo(streamId, 0));
    // Another writer appended one event after this chain was decided on version 0.
    const chain = [appendTo(streamId, 0), appendTo(streamId, 1), appendTo(streamId, 'any')];

    const outcomes = await fixture.store.appendMany(chain);

    expect(outcomes[0]).toMatchObject({ ok: false, error: expect.any(WrongExpectedVersionError) });
    expect(outcomes[1]).toMatchObject({ ok: false, error: expect.any(WrongExpectedVersionError) });
    expect(outcomes[2]).toMatchObject({ ok: true, result: { streamVersion: 2 } });
  });

  it('refuses the rest of a chain whose link was answered from its idempotency key', async () => {
    const streamId = uniqueStreamId();
    const key = `key-${streamId}`;
    await fixture.store.append(appendTo(streamId, 0, 1, key));

    const outcomes = await fixture.store.appendMany([appendTo(streamId, 0, 1, key), appendTo(streamId, 1)]);

    expect(outcomes[0]).toMatchObject({ ok: true, result: { replayed: true, streamVersion: 1 } });
    expect(outcomes[1]).toMatchObject({ ok: false, error: expect.any(WrongExpectedVersionError) });
    expect(await fixture.store.streamVersion(streamId)).toBe(1);
  });

  it('records a key repeated within the group once, and refuses it for a different request', async () => {
    const [first, second] = [uniqueStreamId(), uniqueStreamId()];
    const key = `key-${first}`;
    const different: AppendRequest = { ...appendTo(second, 0), idempotency: { key, requestHash: 'another-request' } };

    const outcomes = await fixture.store.appendMany([appendTo(first, 0, 1, key), appendTo(first, 0, 1, key), different]);

    expect(outcomes[0]).toMatchObject({ ok: true, result: { replayed: false, streamVersion: 1 } });
    expect(outcomes[1]).toMatchObject({ ok: true, result: { replayed: true, streamVersion: 1 } });
    expect(outcomes[2]).toEqual({ ok: false, error: new IdempotencyKeyReusedError(key) });
    expect(await fixture.store.streamVersion(first)).toBe(1);
    expect(await fixture.store.streamVersion(second)).toBe(0);
  });

  it('lets concurrent groups over the same streams all commit, without deadlock or a broken chain', async () => {
    const streams = [uniqueStreamId(), uniqueStreamId(), uniqueStreamId()];

    const groups = await Promise.all(
      Array.from({ length: 6 }, (_, group) => fixture.store.appendMany((group % 2 ? [...streams].reverse() : streams).map((streamId) => appendTo(streamId, 'any')))),
    );

    expect(groups.flat().every((outcome) => outcome.ok)).toBe(true);
    for (const streamId of streams) {
      const stored = await fixture.store.readStream(streamId);
      expect(stored).toHaveLength(6);
      expect(verifyStreamChains(stored)).toMatchObject({ status: 'intact' });
    }
  });

  it('keeps every stream in version order in the commit order readers follow, when concurrent groups share streams', async () => {
    const streams = Array.from({ length: 4 }, uniqueStreamId);
    const firstPosition = (await fixture.store.headPosition()) + 1;
    // Groups over overlapping sets of streams, in different orders, all at once.
    const groups = Array.from({ length: 24 }, (_, group) => [streams[group % 4]!, streams[(group + 1) % 4]!, streams[(group + 3) % 4]!]);

    await Promise.all(groups.map((members) => fixture.store.appendMany(members.map((streamId) => appendTo(streamId, 'any', 2)))));

    const log = [];
    for (let after = 0; ; ) {
      const page = await fixture.store.readAll({ afterPosition: after, limit: 1000 });
      if (page.length === 0) break;
      log.push(...page);
      after = page.at(-1)!.globalPosition;
    }
    const ours = log.filter((event) => streams.includes(event.streamId) && event.globalPosition >= firstPosition);
    for (const streamId of streams) {
      const versions = ours.filter((event) => event.streamId === streamId).map((event) => event.streamVersion);
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, index) => index + 1));
    }
    expect(verifyStreamChains(ours)).toMatchObject({ status: 'intact' });
  });
});
