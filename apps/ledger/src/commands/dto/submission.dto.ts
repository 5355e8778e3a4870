/**
 * The transport-neutral submission envelope (the same shape over HTTP and on the Kafka
 * ingest topic) and the batch that carries up to 1000 of them. `data` is only checked
 * to be an object here; its shape depends on `type` and is checked against the
 * command's own DTO (see `validate-submission.ts`).
 */
import { ApiProperty } from '@nestjs/swagger';
import type { CommandSubmission } from '@ledger/contracts';
import type { PartnershipCommandType } from '@ledger/domain';
import { IsDefined, IsObject } from 'class-validator';
import { COMMAND_TYPES } from './command-catalogue';
import {
  DateTimeWithOffsetProperty,
  IdProperty,
  IntegerProperty,
  NestedListProperty,
  OneOfProperty,
  SourceSystemProperty,
  TokenProperty,
} from './properties';

export const MAX_BATCH_SIZE = 1000;

/** How far ahead of the ledger's clock a business time may be: clocks drift, facts do not come from the future. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

export class CommandSubmissionDto implements CommandSubmission {
  @OneOfProperty({ description: 'The command to record.', example: 'RecordReading' }, COMMAND_TYPES)
  type!: PartnershipCommandType;

  @IdProperty({ description: 'The partnership the command is addressed to.', example: 'mkt-sales-2026' })
  partnershipId!: string;

  @TokenProperty({
    description: 'A retry with the same key returns the first result and records nothing new.',
    example: 'crm-7f3c2a91-reading-2026-03',
    optional: true,
  })
  idempotencyKey?: string;

  @IntegerProperty(
    { description: 'The stream version the sender based its decision on (optimistic concurrency).', example: 12, optional: true },
    0,
  )
  expectedVersion?: number;

  @DateTimeWithOffsetProperty({
    description: 'Business time of the fact, with Z or an offset; at most 5 minutes ahead of the ledger. Defaults to the time of receipt.',
    example: '2026-03-31T17:45:00Z',
    optional: true,
  })
  occurredAt?: string;

  @SourceSystemProperty({ description: 'The internal system that publishes.', example: 'crm', optional: true })
  sourceSystem?: string;

  @TokenProperty({ description: 'Ties together everything caused by one business request.', example: 'req-5d1e9b', optional: true })
  correlationId?: string;

  @TokenProperty({ description: 'The message that directly caused this submission.', example: 'evt-91a0', optional: true })
  causationId?: string;

  @IsDefined({ message: '$property is required.' })
  @IsObject({ message: '$property must be an object.' })
  @ApiProperty({
    description: "The command's data; its shape depends on `type` (see the schema of each command's DTO).",
    type: 'object',
    additionalProperties: true,
    example: { readingId: 'mql-volume-2026-03-crm', metricId: 'mql-volume', period: '2026-03', value: 1184 },
  })
  data!: Record<string, unknown>;
}

export class CommandBatchDto {
  @NestedListProperty({ description: `The submissions, applied in order (1 to ${MAX_BATCH_SIZE}).` }, () => CommandSubmissionDto, {
    min: 1,
    max: MAX_BATCH_SIZE,
  })
  submissions!: CommandSubmissionDto[];
}
