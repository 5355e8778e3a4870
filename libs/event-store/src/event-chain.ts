/**
 * Links new events onto their stream's hash chain. Each event's data is normalised to
 * what `jsonb` will give back (a JSON round trip), so the hash computed here is the
 * hash anyone recomputes from the stored row.
 */
import type { HashableEvent } from '@ledger/integrity';
import { computeEventHash } from '@ledger/integrity';
import type { NewEvent } from './append-request';

export interface StreamHead {
  version: number;
  hash: string;
}

export interface ChainedEvent extends HashableEvent {
  /** `data` exactly as stored in the jsonb column. */
  dataJson: string;
  prevHash: string;
  hash: string;
}

export function chainEvents(streamId: string, events: NewEvent[], head: StreamHead, recordedAt: string): ChainedEvent[] {
  const chained: ChainedEvent[] = [];
  let prevHash = head.hash;
  events.forEach((event, index) => {
    const dataJson = jsonOf(event);
    const hashable: HashableEvent = {
      eventId: event.eventId,
      streamId,
      streamVersion: head.version + index + 1,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: JSON.parse(dataJson),
      occurredAt: event.occurredAt.toISOString(),
      recordedAt,
      actor: event.metadata.actor,
      sourceSystem: event.metadata.sourceSystem,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.causationId,
    };
    const hash = computeEventHash(prevHash, hashable);
    chained.push({ ...hashable, dataJson, prevHash, hash });
    prevHash = hash;
  });
  return chained;
}

function jsonOf(event: NewEvent): string {
  const json = JSON.stringify(event.data) as string | undefined;
  if (json === undefined) throw new Error(`Event ${event.eventId} (${event.type}) has data that is not JSON.`);
  return json;
}
