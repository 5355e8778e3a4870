/** The bodies of the replay routes. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REPLAY_TOPIC_PATTERN, REPLAY_TOPIC_RULE } from '@ledger/audit';
import { AUDIT_REPLAY_TOPIC_PREFIX } from '@ledger/contracts';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { OptionalWholeNumber } from './query-properties';

export class TopicReplayRequestDto {
  @ApiProperty({
    description: `The Kafka topic to publish to (created when missing), e.g. a scratch topic for a downstream rebuild: ${REPLAY_TOPIC_RULE}.`,
    pattern: REPLAY_TOPIC_PATTERN.source,
    example: `${AUDIT_REPLAY_TOPIC_PREFIX}2025-03`,
  })
  @IsString() @Matches(REPLAY_TOPIC_PATTERN, { message: `$property must be ${REPLAY_TOPIC_RULE}.` })
  topic!: string;

  @OptionalWholeNumber('Position of the first event to publish (inclusive, default: the first event).', 1)
  fromPosition?: number;

  @OptionalWholeNumber('Position of the last event to publish (inclusive, default: the last finished event).', 1)
  toPosition?: number;
}

export class ProjectionReplayRequestDto {
  @ApiProperty({ enum: ['ownership', 'reporting'] })
  @IsIn(['ownership', 'reporting'], { message: '$property must be ownership or reporting.' })
  projection!: 'ownership' | 'reporting';

  @ApiProperty({ description: 'A new schema to build the copy in (lower-case letters, digits, underscores).', example: 'ownership_audit_2025_03' })
  @IsString() @MaxLength(63) @Matches(/^[a-z_][a-z0-9_]*$/, { message: '$property must be lower-case letters, digits and underscores.' })
  intoSchema!: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Compare the copy with the live projection, row by row, when done (default true).' })
  @IsOptional() @IsBoolean()
  compare = true;
}
