/**
 * Describes a command route in the OpenAPI document: its body (the command's DTO), the
 * delivery headers every command route reads, and the problems it can answer with.
 */
import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { PartnershipCommandType } from '@ledger/domain';
import { COMMAND_DATA_DTOS } from '../commands/dto/command-catalogue';
import { CommandResultSchema, ProblemSchema } from './schemas';

export const SUBMISSION_HEADERS = [
  { name: 'Idempotency-Key', description: 'A retry with the same key returns the first result and records nothing new.' },
  { name: 'If-Match', description: 'Expected stream version, e.g. "7"; a stale version is answered with 409.' },
  { name: 'X-Occurred-At', description: 'Business time of the fact (ISO 8601 with time zone); defaults to now.' },
  { name: 'X-Source-System', description: 'The internal system that publishes, e.g. crm.' },
  { name: 'X-Correlation-Id', description: 'Ties together everything caused by one business request.' },
  { name: 'X-Causation-Id', description: 'The message that directly caused this submission.' },
];

export function ApiCommand(type: PartnershipCommandType, summary: string, description?: string): MethodDecorator {
  return applyDecorators(
    ApiOperation({ operationId: type, summary, description: description ?? `Submits the ${type} command.` }),
    ApiBody({ type: COMMAND_DATA_DTOS[type] }),
    ...SUBMISSION_HEADERS.map((header) => ApiHeader({ ...header, required: false })),
    ApiCreatedResponse({ type: CommandResultSchema, description: 'Recorded (or replayed: header Idempotent-Replayed: true).' }),
    ApiBadRequestResponse({ type: ProblemSchema, description: 'The body or a header is malformed; nothing was recorded.' }),
    ApiNotFoundResponse({ type: ProblemSchema, description: 'The partnership does not exist.' }),
    ApiConflictResponse({ type: ProblemSchema, description: 'Stale expected version, or the thing already exists.' }),
    ApiUnprocessableEntityResponse({ type: ProblemSchema, description: 'A rule of the partnership agreement refuses it.' }),
  );
}
