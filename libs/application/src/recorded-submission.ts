/**
 * How a decided submission becomes an append (its events with their envelope metadata)
 * and how the store's answer becomes the result a submitter gets back.
 */
import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_VERSIONS, partnershipIdOfStream, type CommandResult, type EventMetadata, type PartnershipEvent } from '@ledger/contracts';
import type { AppendResult, NewEvent } from '@ledger/event-store';
import type { SubmissionRequest } from './submission-request';

const UNKNOWN_SOURCE_SYSTEM = 'unspecified';

/** `actor`: the authenticated account, never a field of the request. */
export function toNewEvents(events: readonly PartnershipEvent[], request: SubmissionRequest, actor: string, now: Date): NewEvent[] {
  const commandId = randomUUID();
  const metadata: EventMetadata = {
    actor,
    sourceSystem: request.sourceSystem ?? UNKNOWN_SOURCE_SYSTEM,
    correlationId: request.correlationId ?? request.idempotencyKey ?? commandId,
    causationId: request.causationId ?? request.idempotencyKey ?? commandId,
  };
  const occurredAt = request.occurredAt ? new Date(request.occurredAt) : now;
  return events.map((event) => ({
    eventId: randomUUID(),
    type: event.type,
    schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
    data: event.data,
    occurredAt,
    metadata,
  }));
}

export function toCommandResult(appended: Omit<AppendResult, 'replayed'>): CommandResult {
  return {
    partnershipId: partnershipIdOfStream(appended.streamId) ?? appended.streamId,
    streamId: appended.streamId,
    streamVersion: appended.streamVersion,
    events: appended.events,
  };
}
