/** Response shapes, described for the OpenAPI document. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RecordedEventRefSchema {
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'ReadingRecorded' }) type!: string;
  @ApiProperty({ example: 12 }) streamVersion!: number;
  @ApiProperty({ example: 4711, description: 'Position in the global log of the ledger.' }) globalPosition!: number;
}

export class CommandResultSchema {
  @ApiProperty({ example: 'mkt-sales-2026' }) partnershipId!: string;
  @ApiProperty({ example: 'partnership-mkt-sales-2026' }) streamId!: string;
  @ApiProperty({ example: 12, description: 'Version of the partnership stream after the submission.' }) streamVersion!: number;
  @ApiProperty({ type: [RecordedEventRefSchema] }) events!: RecordedEventRefSchema[];
}

export class FieldViolationSchema {
  @ApiProperty({ example: 'data.partners[1].teamId' }) field!: string;
  @ApiProperty({ example: 'matches' }) rule!: string;
  @ApiProperty({ example: 'teamId must be a lower-case slug such as marketing.' }) message!: string;
}

export class ProblemSchema {
  @ApiProperty({ example: 'https://alignment-ledger.dev/problems/metric.retired' }) type!: string;
  @ApiProperty({ example: 'Unprocessable Entity' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty({ example: 'Metric "mql-volume" is retired; readings are no longer accepted.' }) detail!: string;
  @ApiProperty({ example: 'metric.retired', description: 'Stable machine-readable code.' }) code!: string;
  @ApiPropertyOptional({ type: [FieldViolationSchema] }) errors?: FieldViolationSchema[];
}

export class BatchItemOutcomeSchema {
  @ApiProperty({ example: 201, description: 'The status this submission would have had on its own.' }) status!: number;
  @ApiPropertyOptional({ type: CommandResultSchema }) result?: CommandResultSchema;
  @ApiPropertyOptional({ type: ProblemSchema }) problem?: ProblemSchema;
  @ApiPropertyOptional({ description: 'True when the idempotency key was seen before.' }) replayed?: boolean;
}

export class BatchOutcomeSchema {
  @ApiProperty({ example: 100 }) accepted!: number;
  @ApiProperty({ example: 0 }) rejected!: number;
  @ApiProperty({ type: [BatchItemOutcomeSchema] }) outcomes!: BatchItemOutcomeSchema[];
}
