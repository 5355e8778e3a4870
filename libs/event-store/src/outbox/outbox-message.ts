/**
 * What the relay hands to Kafka for one recorded event: keyed by stream id (so one
 * stream stays in one partition, in order), the full envelope as the value, and the
 * envelope's routing facts as headers so consumers can filter without parsing.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { OutgoingMessage } from '@ledger/messaging';

export function toOutboxMessage(envelope: EventEnvelope): OutgoingMessage {
  return {
    key: envelope.streamId,
    value: JSON.stringify(envelope),
    headers: {
      'event-type': envelope.type,
      'event-id': envelope.eventId,
      'stream-id': envelope.streamId,
      'stream-version': String(envelope.streamVersion),
      'global-position': String(envelope.globalPosition),
      'schema-version': String(envelope.schemaVersion),
      'correlation-id': envelope.correlationId,
    },
  };
}
