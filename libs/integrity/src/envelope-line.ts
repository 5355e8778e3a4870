/**
 * Reads one NDJSON line of an export bundle back into an `EventEnvelope`, refusing
 * anything that is not one: a verifier must never hash a half-formed event and then
 * report a misleading chain break.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { IntegrityError } from './integrity-error';

const HASH_PATTERN = /^[0-9a-f]{64}$/;

type FieldCheck = [field: keyof EventEnvelope, isValid: (value: unknown) => boolean, expected: string];

const isString = (value: unknown) => typeof value === 'string';
const isHash = (value: unknown) => typeof value === 'string' && HASH_PATTERN.test(value);
const isCount = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;

const FIELD_CHECKS: FieldCheck[] = [
  ['eventId', isString, 'a string'],
  ['type', isString, 'a string'],
  ['schemaVersion', isCount, 'a whole number'],
  ['streamId', isString, 'a string'],
  ['streamVersion', (value) => isCount(value) && (value as number) >= 1, 'a whole number from 1'],
  ['globalPosition', isCount, 'a whole number'],
  ['occurredAt', isString, 'a string'],
  ['recordedAt', isString, 'a string'],
  ['data', (value) => value !== undefined, 'present'],
  ['actor', isString, 'a string'],
  ['sourceSystem', isString, 'a string'],
  ['correlationId', isString, 'a string'],
  ['causationId', (value) => value === null || isString(value), 'a string or null'],
  ['prevHash', isHash, '64 lowercase hex digits'],
  ['hash', isHash, '64 lowercase hex digits'],
];

/** The envelope on line `lineNumber` (1-based), or an `export.malformed-line` error naming the field. */
export function parseEnvelopeLine(line: string, lineNumber: number): EventEnvelope {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw malformed(lineNumber, 'is not valid JSON', 'line');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(lineNumber, 'is not a JSON object', 'line');
  }
  const record = value as Record<string, unknown>;
  for (const [field, isValid, expected] of FIELD_CHECKS) {
    if (!isValid(record[field])) throw malformed(lineNumber, `has a "${field}" that is not ${expected}`, field);
  }
  return record as unknown as EventEnvelope;
}

function malformed(lineNumber: number, reason: string, field: string): IntegrityError {
  return new IntegrityError('export.malformed-line', `Line ${lineNumber} of the export ${reason}.`, field);
}
