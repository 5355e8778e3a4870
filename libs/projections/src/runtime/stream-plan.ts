/**
 * Decides, for one batch of delivered events, what a projection must apply: the pure
 * heart of the exactly-once effect.
 *
 * Kafka delivers at least once (the relay may publish twice, a crash or a rebalance
 * re-delivers), so every event is checked against the projection's stored version of
 * its stream: an event at or below it was applied already and is dropped. An event
 * more than one version ahead reveals a hole (a message the topic no longer holds, or
 * a consumer that started late); the hole is named here and filled from the event
 * store before anything is applied, so a view is never built on a hole.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { ProjectorError } from './projector-error';

/** Versions `fromVersion..toVersion` of a stream, missing from the delivered events. */
export interface StreamGap {
  readonly streamId: string;
  readonly fromVersion: number;
  readonly toVersion: number;
}

export type BatchStep = { readonly kind: 'apply'; readonly event: EventEnvelope } | { readonly kind: 'fill-gap'; readonly gap: StreamGap };

export interface StreamPlan {
  /** In delivery order; a gap comes right before the event that revealed it. */
  readonly steps: readonly BatchStep[];
  /** Events dropped because the projection (or this batch) already holds them. */
  readonly duplicates: number;
}

/** The stored version of each stream the batch touches; a stream not in the map is at 0. */
export type StoredVersions = ReadonlyMap<string, number>;

export function planStreamUpdates(events: readonly EventEnvelope[], stored: StoredVersions): StreamPlan {
  const reached = new Map(stored);
  const steps: BatchStep[] = [];
  let duplicates = 0;
  for (const event of events) {
    const current = reached.get(event.streamId) ?? 0;
    if (event.streamVersion <= current) {
      duplicates += 1;
      continue;
    }
    if (event.streamVersion > current + 1) {
      steps.push({ kind: 'fill-gap', gap: { streamId: event.streamId, fromVersion: current + 1, toVersion: event.streamVersion - 1 } });
    }
    steps.push({ kind: 'apply', event });
    reached.set(event.streamId, event.streamVersion);
  }
  return { steps, duplicates };
}

/** Reads the events of a gap, in stream order: `EventStore.readStream` in production. */
export type GapReader = (gap: StreamGap) => Promise<EventEnvelope[]>;

/**
 * The events to apply, in order, with every gap filled by `readGap`. A gap the reader
 * cannot fill completely stops the batch: applying past it would build the view on a hole.
 */
export async function eventsToApply(plan: StreamPlan, readGap: GapReader): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  for (const step of plan.steps) {
    if (step.kind === 'apply') events.push(step.event);
    else events.push(...assertFills(step.gap, await readGap(step.gap)));
  }
  return events;
}

function assertFills(gap: StreamGap, found: EventEnvelope[]): EventEnvelope[] {
  const expected = gap.toVersion - gap.fromVersion + 1;
  const complete =
    found.length === expected &&
    found.every((event, index) => event.streamId === gap.streamId && event.streamVersion === gap.fromVersion + index);
  if (!complete) {
    throw new ProjectorError(
      'projector.gap-not-fillable',
      `Stream ${gap.streamId} is missing versions ${gap.fromVersion} to ${gap.toVersion}, and the event store returned ` +
        `${found.length} of the ${expected} events; the projector stops rather than build the view on a hole.`,
      'streamVersion',
    );
  }
  return found;
}

/** Where each stream stands after the events: its last event, for the stored positions. */
export function lastEventOfEachStream(events: readonly EventEnvelope[]): EventEnvelope[] {
  const last = new Map<string, EventEnvelope>();
  for (const event of events) {
    const previous = last.get(event.streamId);
    if (!previous || event.streamVersion > previous.streamVersion) last.set(event.streamId, event);
  }
  return [...last.values()];
}
