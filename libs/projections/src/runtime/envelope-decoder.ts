/**
 * Turns a message of the ledger events topic back into the `EventEnvelope` the outbox
 * relay published. The ledger publishes only valid envelopes, so anything else means
 * a foreign producer or a broken topic: the projector names the message (partition and
 * offset) and the field, and stops, rather than skip it and leave a hole in a view.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { ProjectorError } from './projector-error';

/** Where a message sits on the topic, for error messages and logs. */
export interface MessageAddress {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

type FieldCheck = readonly [field: keyof EventEnvelope, isValid: (value: unknown) => boolean, expected: string];

const isText = (value: unknown) => typeof value === 'string' && value.length > 0;
const isInstant = (value: unknown) => typeof value === 'string' && !Number.isNaN(Date.parse(value));
const isWholeNumberFrom = (minimum: number) => (value: unknown) => Number.isSafeInteger(value) && (value as number) >= minimum;

const FIELD_CHECKS: readonly FieldCheck[] = [
  ['eventId', isText, 'a non-empty string'],
  ['type', isText, 'a non-empty string'],
  ['schemaVersion', isWholeNumberFrom(1), 'a whole number from 1'],
  ['streamId', isText, 'a non-empty string'],
  ['streamVersion', isWholeNumberFrom(1), 'a whole number from 1'],
  ['globalPosition', isWholeNumberFrom(1), 'a whole number from 1'],
  ['occurredAt', isInstant, 'an ISO 8601 instant'],
  ['recordedAt', isInstant, 'an ISO 8601 instant'],
  ['data', (value) => typeof value === 'object' && value !== null, 'an object'],
];

export function decodeEnvelope(value: Buffer | null, address: MessageAddress): EventEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value?.toString('utf8') ?? '');
  } catch {
    throw undecodable(address, 'is not JSON', 'value');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw undecodable(address, 'is not a JSON object', 'value');
  }
  const record = parsed as Record<string, unknown>;
  for (const [field, isValid, expected] of FIELD_CHECKS) {
    if (!isValid(record[field])) throw undecodable(address, `has a "${field}" that is not ${expected}`, field);
  }
  return record as unknown as EventEnvelope;
}

function undecodable({ topic, partition, offset }: MessageAddress, reason: string, field: string): ProjectorError {
  return new ProjectorError(
    'projector.undecodable-message',
    `The message at ${topic} partition ${partition} offset ${offset} ${reason}, so it is no ledger event envelope; ` +
      'the projector stops here rather than skip it.',
    field,
  );
}
