import type { EventEnvelope } from '@ledger/contracts';
import fc from 'fast-check';
import { ChainVerifier, StreamHead, verifyStreamChains } from './chain-verification';
import { computeEventHash } from './hash-chain';
import { buildHistory, committedOutOfPositionOrder, findEvent, interleavedHistory, positionDrops, rehashStream } from './testing/history';

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

  it('reports the problem earliest in the log even when it is found last', () => {
    // Stream p0's version 2 is re-hashed (seen only at its successor, the last event);
    // stream p1's version 3, in between, is plainly altered.
    const events = buildHistory([0, 0, 1, 1, 1, 1, 0]);
    const rehashed = { ...events[1]!, actor: 'mallory' };
    const tampered = [...events];
    tampered[1] = { ...rehashed, hash: computeEventHash(rehashed.prevHash, rehashed) };
    tampered[4] = { ...events[4]!, actor: 'mallory' };
    expect(verifyStreamChains(tampered)).toMatchObject({ kind: 'altered', streamVersion: 2, globalPosition: events[1]!.globalPosition, leafIndex: 1 });
    expect(verifyStreamChains(tampered.slice(0, 6))).toMatchObject({ kind: 'altered', globalPosition: events[4]!.globalPosition, leafIndex: 4 });
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

describe('stream chain verification over a log whose positions do not increase', () => {
  const log = committedOutOfPositionOrder(history);
  const drop = positionDrops(log)[2]!;

  it('is given a log in which positions go down, as concurrent commits leave it', () => {
    expect(positionDrops(log).length).toBeGreaterThan(10);
    expect(new Set(log.map((event) => event.globalPosition)).size).toBe(log.length);
  });

  it('finds the untouched log intact', () => {
    expect(verifyStreamChains(log)).toEqual({ status: 'intact', events: 120, streams: 5 });
  });

  it('finds every interleaving of streams intact, whichever concurrent pairs committed out of position order', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(6), { maxLength: 80 }), fc.integer({ min: 1, max: 4 }), (order, every) => {
        expect(verifyStreamChains(committedOutOfPositionOrder(buildHistory(order), every)).status).toBe('intact');
      }),
    );
  });

  it('names an altered event by its place in the log and its position', () => {
    const target = log[drop]!;
    const tampered = replace(log, target, { ...target, actor: 'mallory' });
    expect(verifyStreamChains(tampered)).toMatchObject({ kind: 'altered', eventId: target.eventId, globalPosition: target.globalPosition, leafIndex: drop });
  });

  it('reports the first problem in log order, not the one with the lowest position', () => {
    const [earlier, later] = [log[drop - 1]!, log[drop]!];
    expect(earlier.globalPosition).toBeGreaterThan(later.globalPosition);
    const tampered = replace(replace(log, earlier, { ...earlier, actor: 'mallory' }), later, { ...later, actor: 'mallory' });
    expect(verifyStreamChains(tampered)).toMatchObject({ kind: 'altered', eventId: earlier.eventId, leafIndex: drop - 1 });
  });

  it('reports an event claiming the position of an event far earlier in the log as inserted, at the later one', () => {
    const clash = forged(log[119]!, { globalPosition: log[10]!.globalPosition, streamId: 'partnership-other', streamVersion: 1, prevHash: '0'.repeat(64) });
    const result = verifyStreamChains([...log, clash]);
    expect(result).toMatchObject({ kind: 'inserted', eventId: 'forged', globalPosition: log[10]!.globalPosition, leafIndex: 120 });
    expect(result.status === 'broken' && result.detail).toContain('later one in the log');
  });

  it('still reports two versions of one stream swapped in the log as reordered', () => {
    const [v4, v5] = [findEvent(log, STREAM, 4), findEvent(log, STREAM, 5)];
    const swapped = log.map((event) => (event === v4 ? v5 : event === v5 ? v4 : event));
    expect(verifyStreamChains(swapped)).toMatchObject({ kind: 'reordered', streamId: STREAM, streamVersion: 5, eventId: v5.eventId });
  });

  it('counts leaf indexes from the first leaf of a range that starts mid-log', () => {
    const knownHeads = new Map<string, StreamHead>();
    for (const event of log.slice(0, 50)) knownHeads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
    const target = log[70]!;
    const range = replace(log, target, { ...target, actor: 'mallory' }).slice(50);
    expect(verifyStreamChains(range, { knownHeads, firstLeafIndex: 50 })).toMatchObject({ kind: 'altered', eventId: target.eventId, leafIndex: 70 });
  });

  it('keeps every stream\'s head, known heads included, for a later run to go on from', () => {
    const first = new ChainVerifier();
    log.slice(0, 60).forEach((event) => first.add(event));
    const resumed = new ChainVerifier({ knownHeads: first.streamHeads(), firstLeafIndex: 60 });
    log.slice(60).forEach((event) => resumed.add(event));
    expect(resumed.finish()).toEqual({ status: 'intact', events: 60, streams: 5 });
    const lastOf = (streamId: string) => log.filter((event) => event.streamId === streamId).at(-1)!;
    expect(resumed.streamHeads().get(STREAM)).toEqual({ version: lastOf(STREAM).streamVersion, hash: lastOf(STREAM).hash });
    expect(new ChainVerifier({ knownHeads: first.streamHeads() }).streamHeads()).toEqual(first.streamHeads());
  });
});
