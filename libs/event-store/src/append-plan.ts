/**
 * What one group of appends will write, worked out in memory once the stream heads are
 * locked: each request, in the order given, is checked against its stream's head as the
 * requests before it in the group leave it, and either chained onto that head or refused
 * with the version it met.
 *
 * The appends of one stream in a group form a chain: a writer that names a version for
 * its second append decided it on the state its first one leaves. So once an append of
 * a stream is not written (refused, or answered from its idempotency key), every later
 * append of that stream naming a version is refused too, even when another writer
 * happened to move the head by exactly as many events: it was decided on a state that
 * never came to be. Appends with version 'any' do not depend on what came before.
 */
import { GENESIS_HASH } from '@ledger/integrity';
import type { AppendRequest } from './append-request';
import { chainEvents, type ChainedEvent, type StreamHead } from './event-chain';
import { WrongExpectedVersionError } from './event-store.errors';

export interface PlannedAppend {
  /** Position of the request in the group. */
  index: number;
  streamId: string;
  events: ChainedEvent[];
  /** Version of the stream after this append. */
  streamVersion: number;
}

export interface StreamHeadChange {
  streamId: string;
  head: StreamHead;
}

export interface AppendPlan {
  appends: PlannedAppend[];
  refusals: Map<number, WrongExpectedVersionError>;
  /** Streams the group creates, with their head after the group. */
  createdStreams: StreamHeadChange[];
  /** Existing streams the group moves forward, with their head after the group. */
  movedStreams: StreamHeadChange[];
}

/**
 * `heads`: the locked heads of the streams that exist; a stream missing from it does not
 * exist yet. `chainBreaks`: per stream, the position of the first request of the group
 * that was settled without being written before planning began.
 */
export function planAppends(
  requests: ReadonlyMap<number, AppendRequest>,
  heads: ReadonlyMap<string, StreamHead>,
  recordedAt: string,
  chainBreaks: ReadonlyMap<string, number> = new Map(),
): AppendPlan {
  const running = new Map(heads);
  const firstUnwritten = new Map(chainBreaks);
  const plan: AppendPlan = { appends: [], refusals: new Map(), createdStreams: [], movedStreams: [] };
  for (const [index, request] of requests) {
    const { streamId, expectedVersion } = request;
    const head = running.get(streamId) ?? { version: 0, hash: GENESIS_HASH };
    const chainBroken = (firstUnwritten.get(streamId) ?? Infinity) < index;
    if (expectedVersion !== 'any' && (chainBroken || expectedVersion !== head.version)) {
      plan.refusals.set(index, new WrongExpectedVersionError(streamId, expectedVersion, head.version));
      if (!firstUnwritten.has(streamId)) firstUnwritten.set(streamId, index);
      continue;
    }
    const events = chainEvents(streamId, request.events, head, recordedAt);
    const streamVersion = head.version + events.length;
    running.set(streamId, { version: streamVersion, hash: events[events.length - 1]!.hash });
    plan.appends.push({ index, streamId, events, streamVersion });
  }
  for (const streamId of new Set(plan.appends.map((append) => append.streamId))) {
    const change = { streamId, head: running.get(streamId)! };
    (heads.has(streamId) ? plan.movedStreams : plan.createdStreams).push(change);
  }
  return plan;
}
