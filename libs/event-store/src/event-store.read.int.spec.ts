import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@ledger/contracts';
import { GENESIS_HASH } from '@ledger/integrity';
import type { QueryRunner } from 'typeorm';
import { newEvent, openEventStoreFixture, uniqueStreamId, type EventStoreFixture } from './testing/event-store-fixture';

/**
 * readAll sees only transactions older than every transaction still running on the
 * whole server, and other test files run their own transactions meanwhile: what must
 * show up is awaited, what must not is asserted at once.
 */
describe('EventStore reads', () => {
  let fixture: EventStoreFixture;

  beforeAll(async () => {
    fixture = await openEventStoreFixture();
  });
  afterAll(() => fixture.close());

  async function readAllUntil(
    afterPosition: number,
    done: (events: EventEnvelope[]) => boolean,
  ): Promise<EventEnvelope[]> {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const events = await fixture.store.readAll({ afterPosition, limit: 1000 });
      if (done(events)) return events;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`readAll after ${afterPosition} never returned the awaited events`);
  }

  const ids = (events: EventEnvelope[]): string[] => events.map((event) => event.eventId);

  async function openTransaction(): Promise<QueryRunner> {
    const runner = fixture.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('SELECT pg_current_xact_id()');
    return runner;
  }

  /** Written by hand, as a second writer would, inside a transaction the test keeps open. */
  async function insertEventIn(runner: QueryRunner): Promise<{ eventId: string; position: number }> {
    const eventId = randomUUID();
    const [row]: { global_position: string }[] = await runner.query(
      `INSERT INTO ledger.events (event_id, stream_id, stream_version, type, schema_version, data, actor, source_system,
         correlation_id, occurred_at, recorded_at, prev_hash, hash)
       VALUES ($1, $2, 1, 'ReadingRecorded', 1, '{}', 'test', 'test', 'test', now(), now(), $3, $3)
       RETURNING global_position`,
      [eventId, uniqueStreamId(), GENESIS_HASH],
    );
    return { eventId, position: Number(row.global_position) };
  }

  async function commitAndRelease(runner: QueryRunner): Promise<void> {
    await runner.commitTransaction();
    await runner.release();
  }

  it('reads a stream in version order, within the asked range', async () => {
    const streamId = uniqueStreamId();
    const events = [newEvent(), newEvent(), newEvent(), newEvent(), newEvent()];
    await fixture.store.append({ streamId, expectedVersion: 0, events });

    const versions = async (options: Parameters<typeof fixture.store.readStream>[1]) =>
      (await fixture.store.readStream(streamId, options)).map((event) => event.streamVersion);

    expect(await versions({})).toEqual([1, 2, 3, 4, 5]);
    expect(await versions({ fromVersion: 2, toVersion: 4 })).toEqual([2, 3, 4]);
    expect(await versions({ fromVersion: 3, limit: 2 })).toEqual([3, 4]);
    expect(await fixture.store.readStream(uniqueStreamId())).toEqual([]);
  });

  it('reads many streams after a version of each in one call, each in version order, leaving out those with nothing newer', async () => {
    const [busy, quiet, missing] = [uniqueStreamId(), uniqueStreamId(), uniqueStreamId()];
    await fixture.store.append({ streamId: busy, expectedVersion: 0, events: [newEvent(), newEvent(), newEvent(), newEvent()] });
    await fixture.store.append({ streamId: quiet, expectedVersion: 0, events: [newEvent(), newEvent()] });

    const newer = await fixture.store.readStreamsAfter([
      { streamId: quiet, afterVersion: 2 },
      { streamId: busy, afterVersion: 1 },
      { streamId: missing, afterVersion: 0 },
    ]);

    expect([...newer.keys()]).toEqual([busy]);
    expect(newer.get(busy)!.map((event) => [event.streamId, event.streamVersion])).toEqual([
      [busy, 2],
      [busy, 3],
      [busy, 4],
    ]);
    expect(await fixture.store.readStreamsAfter([])).toEqual(new Map());
  });

  it('reads at most the given number of events of each stream, the first ones after its version', async () => {
    const [long, short] = [uniqueStreamId(), uniqueStreamId()];
    await fixture.store.append({ streamId: long, expectedVersion: 0, events: [newEvent(), newEvent(), newEvent(), newEvent(), newEvent()] });
    await fixture.store.append({ streamId: short, expectedVersion: 0, events: [newEvent()] });

    const newer = await fixture.store.readStreamsAfter(
      [
        { streamId: long, afterVersion: 1 },
        { streamId: short, afterVersion: 0 },
      ],
      2,
    );

    expect(newer.get(long)!.map((event) => event.streamVersion)).toEqual([2, 3]);
    expect(newer.get(short)!.map((event) => event.streamVersion)).toEqual([1]);
  });

  it('reports version 0 for a stream that does not exist', async () => {
    expect(await fixture.store.streamVersion(uniqueStreamId())).toBe(0);
  });

  it('pages through the global log after a cursor, up to a position, and counts what is left', async () => {
    const streamId = uniqueStreamId();
    const appended = await fixture.store.append({ streamId, expectedVersion: 0, events: [newEvent(), newEvent(), newEvent()] });
    const [first, second, third] = appended.events.map((event) => event.globalPosition);
    // Not headPosition(): it trails the log while any transaction on the server (another test file's) runs.
    const start = first - 1;
    await readAllUntil(start, (events) => ids(events).includes(appended.events[2].eventId));

    const page = await fixture.store.readAll({ afterPosition: first, limit: 10 });
    const capped = await fixture.store.readAll({ afterPosition: start, limit: 10, upToPosition: second });

    expect(page.map((event) => event.globalPosition)).toEqual([second, third]);
    expect(capped.map((event) => event.globalPosition)).toEqual([first, second]);
    expect(await fixture.store.readAll({ afterPosition: start, limit: 1 })).toHaveLength(1);
    expect(await fixture.store.countAll({ afterPosition: first })).toBe(2);
    expect(await fixture.store.headPosition()).toBe(third);
  });

  it('reads the same page for publishing, each envelope as its JSON text, whatever its data and metadata hold', async () => {
    const streamId = uniqueStreamId();
    const awkward = [
      newEvent({ data: { note: 'quote " backslash \\ newline \n tab \t', unicode: 'Zoë 漢字 🚀', nested: { list: [1, 2.5, -0.001, 1e21, null, true] } } }),
      newEvent({ data: { big: 12345678901234, tiny: 1e-7, empty: {}, none: [] }, metadata: { actor: 'svc "crm"', sourceSystem: 'crm\\eu', correlationId: 'c/1?x="y"', causationId: 'cause-\u2028' } }),
      newEvent({ occurredAt: new Date('1999-12-31T23:59:59.999Z') }),
    ];
    const appended = await fixture.store.append({ streamId, expectedVersion: 0, events: awkward });
    const start = appended.events[0].globalPosition - 1;
    await readAllUntil(start, (events) => ids(events).includes(appended.events[2].eventId));

    const envelopes = await fixture.store.readAll({ afterPosition: start, limit: 3 });
    const publishable = await fixture.store.readAllForPublishing({ afterPosition: start, limit: 3 });

    expect(publishable.map((event) => event.globalPosition)).toEqual(envelopes.map((envelope) => envelope.globalPosition));
    publishable.forEach((event, index) => {
      const envelope = envelopes[index]!;
      // Same keys in the same order, same values: re-serialised, the two are one string.
      expect(JSON.stringify(JSON.parse(event.envelopeJson))).toBe(JSON.stringify(envelope));
      expect(event).toMatchObject({ eventId: envelope.eventId, streamId, streamVersion: envelope.streamVersion, type: envelope.type });
    });
  });

  it('leaves out an in-flight transaction\u2019s event, and everything committed after it began, until it commits', async () => {
    const start = await fixture.store.headPosition();
    const before = await fixture.store.append({ streamId: uniqueStreamId(), expectedVersion: 0, events: [newEvent()] });
    const inFlight = await openTransaction();
    const held = await insertEventIn(inFlight);
    const after = await fixture.store.append({ streamId: uniqueStreamId(), expectedVersion: 0, events: [newEvent()] });
    expect(after.events[0].globalPosition).toBeGreaterThan(held.position);

    const whileOpen = await readAllUntil(start, (events) => ids(events).includes(before.events[0].eventId));
    expect(ids(whileOpen)).toEqual([before.events[0].eventId]);

    await commitAndRelease(inFlight);
    const cursor = whileOpen[whileOpen.length - 1].globalPosition;
    const afterCommit = await readAllUntil(cursor, (events) => events.length === 2);
    expect(ids(afterCommit)).toEqual([held.eventId, after.events[0].eventId]);
  });

  it('still returns an event committed late at a lower position than one already read', async () => {
    const start = await fixture.store.headPosition();
    const older = await openTransaction();
    const younger = await openTransaction();
    const lowerPosition = await insertEventIn(younger);
    const higherPosition = await insertEventIn(older);
    expect(higherPosition.position).toBeGreaterThan(lowerPosition.position);
    await commitAndRelease(older);

    const firstRead = await readAllUntil(start, (events) => ids(events).includes(higherPosition.eventId));
    expect(ids(firstRead)).toEqual([higherPosition.eventId]);

    await commitAndRelease(younger);
    const secondRead = await readAllUntil(higherPosition.position, (events) => events.length > 0);
    expect(ids(secondRead)).toEqual([lowerPosition.eventId]);
  });

  it('refuses to resume after a position that holds no event', async () => {
    await expect(fixture.store.readAll({ afterPosition: 987_654_321, limit: 10 })).rejects.toThrow(/no event has position 987654321/);
  });
});
