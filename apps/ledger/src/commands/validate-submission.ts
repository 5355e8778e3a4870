/**
 * Edge validation of command submissions, the same for HTTP and the Kafka ingest
 * topic: the envelope against `CommandSubmissionDto`, then `data` against the DTO of
 * the command named by `type`. It never throws: the answer is either a submission the
 * domain can trust (transformed, whitelisted, plain data) or the violations found,
 * envelope and data together, each with its full field path.
 */
import type { CommandSubmission } from '@ledger/contracts';
import type { PartnershipCommand, PartnershipCommandType } from '@ledger/domain';
import { flattenValidationErrors, type FieldViolation } from '@ledger/platform';
import { instanceToPlain, plainToInstance } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { COMMAND_DATA_DTOS, isCommandType } from './dto/command-catalogue';
import { findUnsafeStructure, isPlainObject } from './dto/input-structure';
import { CommandSubmissionDto, MAX_CLOCK_SKEW_MS } from './dto/submission.dto';

export type ValidSubmission = CommandSubmission & { command: PartnershipCommand };

export type SubmissionValidation = { ok: true; submission: ValidSubmission } | { ok: false; violations: FieldViolation[] };

export type CommandDataValidation = { ok: true; command: PartnershipCommand } | { ok: false; violations: FieldViolation[] };

/** Enough to fix a payload; a hostile one must not make the error answer (or dead letter) huge. */
export const MAX_REPORTED_VIOLATIONS = 100;

const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  // One violation per field: "name is required" says it all, "must be a string" adds nothing.
  stopAtFirstError: true,
};

export function validateSubmission(raw: unknown, now: Date): SubmissionValidation {
  if (!isPlainObject(raw)) return refused([notAnObject('(body)', 'The submission must be a JSON object.')]);
  const unsafe = findUnsafeStructure(raw);
  if (unsafe.length > 0) return refused(unsafe);

  const envelope = plainToInstance(CommandSubmissionDto, raw);
  const violations = flattenValidationErrors(validateSync(envelope, VALIDATOR_OPTIONS));
  violations.push(...futureOccurrence(envelope, violations, now));
  const data = isCommandType(envelope.type) ? dataOf(envelope.type, raw.data, violations) : undefined;
  if (data?.ok) violations.push(...partnershipIdMismatch(data.command, envelope.partnershipId));

  if (violations.length > 0 || !data?.ok) return refused(violations);
  return { ok: true, submission: { ...delivery(envelope), data: data.command.data, command: data.command } };
}

/** Checks `data` against its command's DTO, adding what is wrong to `violations`. */
function dataOf(type: PartnershipCommandType, data: unknown, violations: FieldViolation[]): CommandDataValidation | undefined {
  if (!isPlainObject(data)) {
    // The envelope's own rules catch a missing or primitive data; a boxed value or a class instance is caught here.
    if (!violations.some(({ field }) => field === 'data')) violations.push(notAnObject('data', 'data must be an object.'));
    return undefined;
  }
  const validation = checkData(type, data, 'data');
  if (!validation.ok) violations.push(...validation.violations);
  return validation;
}

/** For routes that take only the command's data as their body; paths are relative to the body. */
export function validateCommandData(type: PartnershipCommandType, data: unknown): CommandDataValidation {
  if (!isPlainObject(data)) return refused([notAnObject('(body)', `The ${type} data must be a JSON object.`)]);
  const unsafe = findUnsafeStructure(data);
  return unsafe.length > 0 ? refused(unsafe) : checkData(type, data, '');
}

function checkData(type: PartnershipCommandType, data: Record<string, unknown>, prefix: string): CommandDataValidation {
  const dto = plainToInstance(COMMAND_DATA_DTOS[type], data);
  const violations = flattenValidationErrors(validateSync(dto, VALIDATOR_OPTIONS), prefix);
  if (violations.length > 0) return refused(violations);
  const plain = instanceToPlain(dto, { exposeUnsetFields: false });
  return { ok: true, command: { type, data: plain } as PartnershipCommand };
}

/** Business time may run a little ahead of the ledger's clock, never further. */
function futureOccurrence(envelope: CommandSubmissionDto, found: FieldViolation[], now: Date): FieldViolation[] {
  const { occurredAt } = envelope;
  if (occurredAt === undefined || found.some(({ field }) => field === 'occurredAt')) return [];
  if (Date.parse(occurredAt) - now.getTime() <= MAX_CLOCK_SKEW_MS) return [];
  return [
    {
      field: 'occurredAt',
      rule: 'notInFuture',
      message: `occurredAt must not be more than ${MAX_CLOCK_SKEW_MS / 60_000} minutes after the ledger's time (${now.toISOString()}).`,
    },
  ];
}

/** A proposal names its partnership twice; both must agree or the stream and the event would disagree. */
function partnershipIdMismatch(command: PartnershipCommand, partnershipId: string): FieldViolation[] {
  if (command.type !== 'ProposePartnership' || command.data.partnershipId === partnershipId) return [];
  return [
    {
      field: 'data.partnershipId',
      rule: 'equalsPartnershipId',
      message: `data.partnershipId must equal the submission's partnershipId ("${partnershipId}").`,
    },
  ];
}

/** The envelope fields that were sent, as a plain object. */
function delivery(envelope: CommandSubmissionDto): Omit<CommandSubmission, 'data'> {
  const { type, partnershipId, idempotencyKey, expectedVersion, occurredAt, sourceSystem, correlationId, causationId } = envelope;
  const optional = { idempotencyKey, expectedVersion, occurredAt, sourceSystem, correlationId, causationId };
  return { type, partnershipId, ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)) };
}

function notAnObject(field: string, message: string): FieldViolation {
  return { field, rule: 'isObject', message };
}

function refused(violations: FieldViolation[]): { ok: false; violations: FieldViolation[] } {
  if (violations.length <= MAX_REPORTED_VIOLATIONS) return { ok: false, violations };
  const omitted = violations.length - MAX_REPORTED_VIOLATIONS;
  return {
    ok: false,
    violations: [
      ...violations.slice(0, MAX_REPORTED_VIOLATIONS),
      { field: '(body)', rule: 'tooManyViolations', message: `${omitted} more violations were left out; fix these first.` },
    ],
  };
}
