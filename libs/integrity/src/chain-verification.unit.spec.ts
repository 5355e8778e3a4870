import type { EventEnvelope } from '@ledger/contracts';
import fc from 'fast-check';
import { ChainVerifier, StreamHead, verifyStreamChains } from './chain-verification';
import { computeEventHash } from './hash-chain';
import { buildHistory, findEvent, interleavedHistory, rehashStream } from './testing/history';

const STREAM = 'partnership-p2';
const history = interleavedHistory(120, 5);

function replace(events: readonly EventEnvelope[], target: EventEnvelope, replacement: EventEnvelope): EventEnvelope[] {
  return events.map((event) => (event === target ? replacement : event));
}

function withoutEvent(events: readonly EventEnvelope[], target: EventEnvelope): EventEnvelope[] {
  return events.filter((event) => event !== target);
}

function forged(base: EventEnvelope, changes: Partial<EventEnvelope>): EventEnvelope {
  const event = { ...base, ...changes, eventId: 'forged', data: { agreementVersion: 99, teamId: 'finance', signatory: 'mallory' } };
  return { ...event, hash: computeEventHash(event.prevHash, event) } as EventEnvelope;
}

function lastPosition(events: readonly EventEnvelope[]): number {
  return events[events.length - 1]!.globalPosition;
}

describe('stream chain verification', () => {
  it('finds an untouched history intact and counts its events and streams', () => {
    expect(verifyStreamChains(history)).toEqual({ status: 'intact', events: 120, streams: 5 });
  });

  it('finds every untouched interleaving of streams intact', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(6), { maxLength: 80 }), (order) => {
        expect(verifyStreamChains(buildHistory(order)).status).toBe('intact');
      }),
    );
  });

  it('reports an event whose data was edited as altered, at that event', () => {
    const target = findEvent(history, STREAM, 7);
    const tampered = replace(history, target, { ...target, data: { ...target.data, signatory: 'mallory' } } as EventEnvelope);
    expect(verifyStreamChains(tampered)).toMatchObject({
      status: 'broken',
      kind: 'altered',
      streamId: STREAM,
      streamVersion: 7,
      globalPosition: target.globalPosition,
      eventId: target.eventId,
    });
  });

  it('reports an edited event that was re-hashed as altered, at that event, because its successor still names the old hash', () => {
    const target = findEvent(history, STREAM, 7);
    const edited = { ...target, actor: 'mallory' };
    const tampered = replace(history, target, { ...edited, hash: computeEventHash(edited.prevHash, edited) });
    const result = verifyStreamChains(tampered);
    expect(result).toMatchObject({ kind: 'altered', streamVersion: 7, globalPosition: target.globalPosition, eventId: target.eventId });
    expect(result.status === 'broken' && result.detail).toContain('re-hashed');
  });

  it('reports a deleted event as removed, where the gap shows', () => {
    const target = findEvent(history, STREAM, 10);
    const next = findEvent(history, STREAM, 11);
    const result = verifyStreamChains(withoutEvent(history, target));
    expect(result).toMatchObject({ kind: 'removed', streamId: STREAM, streamVersion: 11, globalPosition: next.globalPosition });
    expect(result.status === 'broken' && result.detail).toContain('version 10 was missing');
  });

  it('reports a deleted first event of a stream as removed', () => {
    const first = findEvent(history, STREAM, 1);
    expect(verifyStreamChains(withoutEvent(history, first))).toMatchObject({ kind: 'removed', streamId: STREAM, streamVersion: 2 });
  });

  it('reports a deletion whose successor was re-linked and re-hashed as removed', () => {
    const target = findEvent(history, STREAM, 10);
    const tampered = rehashStream(withoutEvent(history, target), STREAM);
    expect(verifyStreamChains(tampered)).toMatchObject({ kind: 'removed', streamId: STREAM, streamVersion: 11 });
  });

  it('reports two events of a stream that swapped places in the global log as reordered, at the first of them', () => {
    const [v4, v5] = [findEvent(history, STREAM, 4), findEvent(history, STREAM, 5)];
    const swapped = history.map((event) => {
      if (event === v4) return { ...v5, globalPosition: v4.globalPosition };
      if (event === v5) return { ...v4, globalPosition: v5.globalPosition };
      return event;
    });
    expect(verifyStreamChains(swapped)).toMatchObject({ kind: 'reordered', streamId: STREAM, streamVersion: 5, globalPosition: v4.globalPosition });
  });

  it('reports global positions that go backwards as reordered', () => {
    const swapped = [...history];
    [swapped[30], swapped[31]] = [swapped[31]!, swapped[30]!];
    expect(verifyStreamChains(swapped)).toMatchObject({ kind: 'reordered', globalPosition: history[30]!.globalPosition });
  });

  it('reports a forged event claiming a version the stream already has as inserted', () => {
    const existing = findEvent(history, STREAM, 3);
    const forgery = { ...existing, eventId: 'forged', globalPosition: lastPosition(history) + 1 };
    expect(verifyStreamChains([...history, forgery])).toMatchObject({ kind: 'inserted', streamId: STREAM, streamVersion: 3, eventId: 'forged' });
  });

  it('reports a second copy of a stream\'s latest event as inserted', () => {
    const head = history.filter((event) => event.streamId === STREAM).at(-1)!;
    const copy = { ...head, globalPosition: lastPosition(history) + 1 };
    const result = verifyStreamChains([...history, copy]);
    expect(result).toMatchObject({ kind: 'inserted', globalPosition: copy.globalPosition });
    expect(result.status === 'broken' && result.detail).toContain('second copy');
  });

  it('reports two events at one global position as inserted', () => {
    const clash = forged(history[119]!, { globalPosition: lastPosition(history), streamId: 'partnership-other', streamVersion: 1 });
    expect(verifyStreamChains([...history, clash])).toMatchObject({ kind: 'inserted', globalPosition: lastPosition(history) });
  });

  it('reports a well-formed event that branches off the head’s predecessor as forked', () => {
    const head = history.filter((event) => event.streamId === STREAM).at(-1)!;
    const branch = forged(head, { streamVersion: head.streamVersion + 1, prevHash: head.prevHash, globalPosition: lastPosition(history) + 1 });
    expect(verifyStreamChains([...history, branch])).toMatchObject({ kind: 'forked', streamId: STREAM, eventId: 'forged' });
  });

  it('reports a well-formed rival of the latest version as forked', () => {
    const head = history.filter((event) => event.streamId === STREAM).at(-1)!;
    const rival = forged(head, { globalPosition: lastPosition(history) + 1 });
    expect(verifyStreamChains([...history, rival])).toMatchObject({ kind: 'forked', streamVersion: head.streamVersion });
  });

  it('cannot see a stream rewritten with a recomputed chain: that takes a signed checkpoint', () => {
    const target = findEvent(history, STREAM, 2);
    const edited = replace(history, target, { ...target, data: { ...target.data, signatory: 'mallory' } } as EventEnvelope);
    expect(verifyStreamChains(rehashStream(edited, STREAM)).status).toBe('intact');
  });

  it('reports the problem with the lowest global position even when it is found last', () => {
    // Stream p0's version 2 is re-hashed (seen only at its successor, the last event);
    // stream p1's version 3, in between, is plainly altered.
    const events = buildHistory([0, 0, 1, 1, 1, 1, 0]);
    const rehashed = { ...events[1]!, actor: 'mallory' };
    const tampered = [...events];
    tampered[1] = { ...rehashed, hash: computeEventHash(rehashed.prevHash, rehashed) };
    tampered[4] = { ...events[4]!, actor: 'mallory' };
    expect(verifyStreamChains(tampered)).toMatchObject({ kind: 'altered', streamVersion: 2, globalPosition: events[1]!.globalPosition });
    expect(verifyStreamChains(tampered.slice(0, 6))).toMatchObject({ kind: 'altered', globalPosition: events[4]!.globalPosition });
  });

  it('verifies a range that starts mid-history from the stream heads before it', () => {
    const [before, range] = [history.slice(0, 50), history.slice(50)];
    const knownHeads = new Map<string, StreamHead>();
    for (const event of before) knownHeads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
    expect(verifyStreamChains(range, { knownHeads })).toMatchObject({ status: 'intact', events: 70 });
    expect(verifyStreamChains(range).status).toBe('broken');
  });

  it('reports a range whose first event does not link to the known head as altered', () => {
    const range = history.slice(50);
    const knownHeads = new Map([[range[0]!.streamId, { version: range[0]!.streamVersion - 1, hash: 'f'.repeat(64) }]]);
    expect(verifyStreamChains(range, { knownHeads })).toMatchObject({ kind: 'altered', globalPosition: range[0]!.globalPosition });
  });

  it('streams events one by one through the verifier class', () => {
    const verifier = new ChainVerifier();
    history.forEach((event) => verifier.add(event));
    expect(verifier.finish()).toEqual({ status: 'intact', events: 120, streams: 5 });
  });
});
