import type { EventEnvelope } from '@ledger/contracts';
import { ProjectorError } from './projector-error';
import { eventsToApply, lastEventOfEachStream, planStreamUpdates, type StreamGap } from './stream-plan';

/** Just enough of an envelope for the plan: which stream, which version, which position. */
function event(streamId: string, streamVersion: number, globalPosition = streamVersion): EventEnvelope {
  return { streamId, streamVersion, globalPosition, eventId: `${streamId}@${streamVersion}` } as EventEnvelope;
}

const ids = (events: readonly EventEnvelope[]) => events.map((applied) => applied.eventId);
const noGapExpected = async (gap: StreamGap): Promise<EventEnvelope[]> => {
  throw new Error(`No gap expected, yet one was read: ${JSON.stringify(gap)}`);
};

describe('planning a delivered batch against the stored stream versions', () => {
  it('applies every event of streams the projection has not seen, in delivery order', async () => {
    const plan = planStreamUpdates([event('a', 1), event('b', 1), event('a', 2)], new Map());

    expect(plan.duplicates).toBe(0);
    expect(ids(await eventsToApply(plan, noGapExpected))).toEqual(['a@1', 'b@1', 'a@2']);
  });

  it('drops events at or below the stored version: redeliveries change nothing', async () => {
    const plan = planStreamUpdates([event('a', 2), event('a', 3), event('a', 4), event('b', 1)], new Map([['a', 3], ['b', 1]]));

    expect(plan.duplicates).toBe(3);
    expect(ids(await eventsToApply(plan, noGapExpected))).toEqual(['a@4']);
  });

  it('drops a duplicate that arrives twice within the same batch', async () => {
    const plan = planStreamUpdates([event('a', 1), event('a', 2), event('a', 1), event('a', 2), event('a', 3)], new Map());

    expect(plan.duplicates).toBe(2);
    expect(ids(await eventsToApply(plan, noGapExpected))).toEqual(['a@1', 'a@2', 'a@3']);
  });

  it('names the missing versions when an event is more than one version ahead', () => {
    const plan = planStreamUpdates([event('a', 5), event('a', 6)], new Map([['a', 2]]));

    expect(plan.steps[0]).toEqual({ kind: 'fill-gap', gap: { streamId: 'a', fromVersion: 3, toVersion: 4 } });
    expect(plan.steps).toHaveLength(3);
  });

  it('fills a gap from the reader, right before the event that revealed it', async () => {
    const plan = planStreamUpdates([event('b', 1), event('a', 4), event('a', 5)], new Map([['a', 1]]));
    const reads: StreamGap[] = [];

    const applied = await eventsToApply(plan, async (gap) => {
      reads.push(gap);
      return [event('a', 2), event('a', 3)];
    });

    expect(reads).toEqual([{ streamId: 'a', fromVersion: 2, toVersion: 3 }]);
    expect(ids(applied)).toEqual(['b@1', 'a@2', 'a@3', 'a@4', 'a@5']);
  });

  it('stops with projector.gap-not-fillable when the reader cannot return the whole gap', async () => {
    const plan = planStreamUpdates([event('a', 4)], new Map());

    const applying = eventsToApply(plan, async () => [event('a', 1), event('a', 3)]);

    await expect(applying).rejects.toThrow(ProjectorError);
    await expect(applying).rejects.toMatchObject({ code: 'projector.gap-not-fillable', field: 'streamVersion' });
  });
});

describe('the stream positions a batch leaves behind', () => {
  it('is the last event of each stream, whatever order the streams came in', () => {
    const last = lastEventOfEachStream([event('a', 1, 10), event('b', 1, 11), event('a', 2, 12), event('b', 2, 13), event('a', 3, 14)]);

    expect(last.map((position) => [position.eventId, position.globalPosition])).toEqual([
      ['a@3', 14],
      ['b@2', 13],
    ]);
  });
});
