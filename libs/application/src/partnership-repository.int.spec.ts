/**
 * Loading partnerships on a real Postgres: many long histories at once are caught up
 * page by page (a bounded number of events per query), to the same state as one replay.
 */
import { partnershipStreamId, type PartnershipEvent } from '@ledger/contracts';
import { partnershipStateAsJson, replayPartnership } from '@ledger/domain';
import { EventStore, type NewEvent } from '@ledger/event-store';
import { randomUUID } from 'node:crypto';
import { openEventStoreFixture, type EventStoreFixture } from '../../event-store/src/testing/event-store-fixture';
import { PartnershipRepository } from './partnership-repository';

let streamCounter = 0;
const newStreamId = () => partnershipStreamId(`repo-${Date.now().toString(36)}-${(streamCounter += 1)}`);

function recorded(event: PartnershipEvent): NewEvent {
  return {
    eventId: randomUUID(),
    type: event.type,
    schemaVersion: 1,
    data: event.data,
    occurredAt: new Date(),
    metadata: { actor: 'svc-crm', sourceSystem: 'crm', correlationId: 'repository-spec', causationId: null },
  };
}

function historyOf(observations: number): PartnershipEvent[] {
  return [
    {
      type: 'PartnershipProposed',
      data: { partnershipId: 'p', name: 'P', partners: [{ teamId: 'marketing', displayName: 'Marketing' }], proposedBy: 'marketing' },
    },
    ...Array.from({ length: observations }, (_, index): PartnershipEvent => ({
      type: 'SlaObservationRecorded',
      data: { observationId: `o-${index}`, slaId: 'sla', value: index, met: true },
    })),
  ];
}

/** Counts the rows each catch-up query returned. */
class CountingEventStore extends EventStore {
  readonly rowsPerQuery: number[] = [];

  override async readStreamsAfter(...args: Parameters<EventStore['readStreamsAfter']>) {
    const newer = await super.readStreamsAfter(...args);
    this.rowsPerQuery.push([...newer.values()].reduce((sum, events) => sum + events.length, 0));
    return newer;
  }
}

describe('PartnershipRepository', () => {
  let fixture: EventStoreFixture;

  beforeAll(async () => {
    fixture = await openEventStoreFixture();
  });
  afterAll(() => fixture.close());

  it('catches many long histories up page by page, never reading more than its bound at once', async () => {
    const histories = [historyOf(40), historyOf(3), historyOf(25)];
    const streamIds = histories.map(() => newStreamId());
    for (const [index, history] of histories.entries()) {
      await fixture.store.append({ streamId: streamIds[index]!, expectedVersion: 0, events: history.map(recorded) });
    }
    const store = new CountingEventStore(fixture.dataSource);
    const repository = new PartnershipRepository(store, { eventsPerLoadQuery: 12 });

    const loaded = await Promise.all(streamIds.map((streamId) => repository.load(streamId)));

    expect(loaded.map(({ version }) => version)).toEqual(histories.map((history) => history.length));
    loaded.forEach(({ state }, index) => {
      expect(partnershipStateAsJson(state)).toEqual(partnershipStateAsJson(replayPartnership(histories[index]!)));
    });
    expect(store.rowsPerQuery.length).toBeGreaterThan(3);
    expect(Math.max(...store.rowsPerQuery)).toBeLessThanOrEqual(12);
  });

  it('keeps states up to a number of events, the least recently used leaving first; a longer history is never kept', async () => {
    const [small, medium, huge] = [historyOf(4), historyOf(7), historyOf(30)];
    const streamIds = [small, medium, huge].map(() => newStreamId());
    for (const [index, history] of [small, medium, huge].entries()) {
      await fixture.store.append({ streamId: streamIds[index]!, expectedVersion: 0, events: history.map(recorded) });
    }
    const store = new CountingEventStore(fixture.dataSource);
    const repository = new PartnershipRepository(store, { cachedEvents: 15 });
    const rowsOfLoad = async (streamId: string) => {
      const before = store.rowsPerQuery.length;
      await repository.load(streamId);
      return store.rowsPerQuery.slice(before).reduce((sum, rows) => sum + rows, 0);
    };

    expect(await rowsOfLoad(streamIds[0]!)).toBe(small.length);
    expect(await rowsOfLoad(streamIds[1]!)).toBe(medium.length);
    expect(await rowsOfLoad(streamIds[0]!)).toBe(0);
    // 5 + 8 events fit in 15; the huge one never does, and pushes nothing out.
    expect(await rowsOfLoad(streamIds[2]!)).toBe(huge.length);
    expect(await rowsOfLoad(streamIds[2]!)).toBe(huge.length);
    expect(await rowsOfLoad(streamIds[1]!)).toBe(0);
  });

  it('reads only what was appended since the state it keeps', async () => {
    const streamId = newStreamId();
    const history = historyOf(5);
    await fixture.store.append({ streamId, expectedVersion: 0, events: history.map(recorded) });
    const store = new CountingEventStore(fixture.dataSource);
    const repository = new PartnershipRepository(store);
    await repository.load(streamId);

    const later: PartnershipEvent = { type: 'SlaObservationRecorded', data: { observationId: 'later', slaId: 'sla', value: 1, met: true } };
    await fixture.store.append({ streamId, expectedVersion: history.length, events: [recorded(later)] });
    const { version, state } = await repository.load(streamId);

    expect(version).toBe(history.length + 1);
    expect(state.observationIds.has('later')).toBe(true);
    expect(store.rowsPerQuery).toEqual([history.length, 1]);
  });
});
