/** Response shapes of the query API, described for the OpenAPI document. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BI_COLUMN_TYPES, FILTER_OPERATORS } from '@ledger/bi';

export class OutputColumnSchema {
  @ApiProperty({ example: 'attainment' }) name!: string;
  @ApiProperty({ enum: Object.keys(BI_COLUMN_TYPES), example: 'numeric' }) type!: string;
  @ApiProperty({ description: 'Whether the column may be NULL.' }) nullable!: boolean;
  @ApiProperty({ example: 'higher-is-better: value / target; ...' }) description!: string;
}

export class ColumnDescriptionSchema extends OutputColumnSchema {
  @ApiProperty({ enum: Object.keys(FILTER_OPERATORS), isArray: true, description: 'The filter operators the column takes.' }) operators!: string[];
}

export class ViewDescriptionSchema {
  @ApiProperty({ example: 'fact_metric_reading_v1' }) name!: string;
  @ApiProperty({ enum: ['fact', 'dimension'] }) kind!: string;
  @ApiProperty({ example: 'one row per metric and period with a reading' }) grain!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 'metric_reading_key', description: 'GET /views/{view}/{id} finds a row by this column.' }) key!: string;
  @ApiProperty({ example: ['partnership_key', 'metric_id', 'period'], description: 'The key is these values joined by "~".' })
  keyParts!: string[];
  @ApiProperty({ type: [ColumnDescriptionSchema] }) columns!: ColumnDescriptionSchema[];
}

export class AggregateDescriptionSchema {
  @ApiProperty({ example: 'sla-compliance' }) name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 'fact_sla_observation_v1', description: 'The fact view it aggregates: filters name its columns (GET /views).' })
  fact!: string;
  @ApiProperty({ type: [OutputColumnSchema], description: 'What per= may name; each becomes a column of the result.' })
  dimensions!: OutputColumnSchema[];
  @ApiProperty({ type: [OutputColumnSchema] }) measures!: OutputColumnSchema[];
}

export class PageSchema {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'The rows: one object per row, a property per column (see GET /views or the components ViewRow_*).',
  })
  data!: object[];
  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Pass as cursor for the next page; null on the last page.' })
  nextCursor!: string | null;
}

export class RowSchema {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'One row: a property per column.' }) data!: object;
}

export class FieldViolationSchema {
  @ApiProperty({ example: 'filter[observed_at][gte]' }) field!: string;
  @ApiProperty({ example: 'query.invalid-value' }) rule!: string;
  @ApiProperty({ example: '"yesterday" is not an instant with its offset, ...' }) message!: string;
}

export class ProblemSchema {
  @ApiProperty({ example: 'https://alignment-ledger.dev/problems/query.unknown-column' }) type!: string;
  @ApiProperty({ example: 'Bad Request' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'There is no column "colour" to filter on; the columns are: ...' }) detail!: string;
  @ApiProperty({ example: 'query.unknown-column', description: 'Stable machine-readable code.' }) code!: string;
  @ApiPropertyOptional({ type: [FieldViolationSchema] }) errors?: FieldViolationSchema[];
}
