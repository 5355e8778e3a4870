/**
 * Builds a projection's `project(event)` from its fact families: every family that
 * handles the event's type contributes its RowChanges, in family order.
 *
 * Views must be complete, so an event the projection cannot read stops it with a
 * `ProjectionError` instead of being skipped: an unknown type, a schema version newer
 * than this code knows, or a stream that is not a partnership's. Older schema versions
 * are upcast first, in the one place the contracts define.
 */
import {
  EVENT_SCHEMA_VERSIONS,
  isPartnershipEventType,
  partnershipIdOfStream,
  upcast,
  type EventEnvelope,
} from '@ledger/contracts';
import type { RowChange } from '../row-changes/row-change';
import type { EventContext, FactFamily } from './fact-family';
import { ProjectionError } from './projection-error';

/** A projection: one event in, the RowChanges it makes to the view out. Pure. */
export type Projector = (event: EventEnvelope) => RowChange[];

type AnyFactHandler = (event: EventEnvelope, context: EventContext) => RowChange[];

export function composeProjector(families: readonly FactFamily[]): Projector {
  const handlersByType = new Map<string, AnyFactHandler[]>();
  for (const family of families) {
    for (const [type, handler] of Object.entries(family.handlers)) {
      handlersByType.set(type, [...(handlersByType.get(type) ?? []), handler as AnyFactHandler]);
    }
  }
  return (received) => {
    const event = readableEvent(received);
    const handlers = handlersByType.get(event.type);
    if (handlers === undefined) return [];
    const context = contextOf(event);
    return handlers.flatMap((handler) => handler(event, context));
  };
}

function readableEvent(received: EventEnvelope): EventEnvelope {
  if (!isPartnershipEventType(received.type)) {
    throw new ProjectionError(
      'projection.unknown-event-type',
      `Event ${received.eventId} has type "${received.type}", which this projection does not know.`,
      'type',
    );
  }
  const event = upcast(received);
  const known = EVENT_SCHEMA_VERSIONS[event.type];
  if (event.schemaVersion !== known) {
    throw new ProjectionError(
      'projection.unsupported-schema-version',
      `Event ${event.eventId} (${event.type}) has schema version ${event.schemaVersion}; this projection reads version ${known}.`,
      'schemaVersion',
    );
  }
  return event;
}

function contextOf(event: EventEnvelope): EventContext {
  const partnershipId = partnershipIdOfStream(event.streamId);
  if (partnershipId === null) {
    throw new ProjectionError(
      'projection.not-a-partnership-stream',
      `Event ${event.eventId} belongs to stream "${event.streamId}", which is not a partnership stream.`,
      'streamId',
    );
  }
  return {
    partnershipId,
    stamp: { last_position: event.globalPosition, occurred_at: event.occurredAt, recorded_at: event.recordedAt },
  };
}
