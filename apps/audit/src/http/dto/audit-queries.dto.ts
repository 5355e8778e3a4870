/** The query parameters of the audit routes, validated at the edge (400 `request.invalid` naming the field). */
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalInstant, OptionalWholeNumber, PageLimit } from './query-properties';

export const TIME_AXES = ['business', 'ledger'] as const;

class HistoryFilterDto {
  @ApiPropertyOptional({ description: 'Only events of this correlation id (one business request).' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  correlationId?: string;

  @ApiPropertyOptional({ description: 'Only events submitted by this account.' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(200)
  actor?: string;
}

export class StreamHistoryQueryDto extends HistoryFilterDto {
  @OptionalWholeNumber('First stream version of the page (default 1).', 1)
  fromVersion = 1;

  @PageLimit()
  limit = 100;
}

export class LogHistoryQueryDto extends HistoryFilterDto {
  @OptionalWholeNumber('Cursor: the position of the last event of the previous page (default 0, the start of the log).', 0)
  after = 0;

  @PageLimit()
  limit = 100;
}

export class TimeAxisDto {
  @ApiPropertyOptional({
    enum: TIME_AXES,
    description: 'ledger (default): as recorded by the ledger by then (recordedAt); business: as happened by then (occurredAt), known now.',
  })
  @IsOptional() @IsIn(TIME_AXES, { message: '$property must be business or ledger.' })
  time: (typeof TIME_AXES)[number] = 'ledger';
}

export class StateQueryDto extends TimeAxisDto {
  @OptionalInstant('The instant, on the time axis named by `time`. Give this or `version`.')
  asOf?: string;

  @OptionalWholeNumber('A stream version. Give this or `asOf`.', 1)
  version?: number;
}

export class DiffQueryDto extends TimeAxisDto {
  @OptionalInstant('The earlier instant (or give fromVersion).')
  from?: string;

  @OptionalInstant('The later instant (or give toVersion).')
  to?: string;

  @OptionalWholeNumber('The earlier stream version (instead of from).', 0)
  fromVersion?: number;

  @OptionalWholeNumber('The later stream version (instead of to).', 0)
  toVersion?: number;
}

export class CheckpointsQueryDto {
  @OptionalWholeNumber('Cursor: the tree size of the last checkpoint of the previous page (default 0).', 0)
  after = 0;

  @PageLimit()
  limit = 100;
}

export class ConsistencyQueryDto {
  @OptionalWholeNumber('Tree size of the earlier checkpoint.', 1)
  from?: number;

  @OptionalWholeNumber('Tree size of the later checkpoint.', 1)
  to?: number;
}

export class InclusionQueryDto {
  @OptionalWholeNumber('Tree size of the checkpoint to prove against (default: the latest).', 1)
  treeSize?: number;
}

export class ExportQueryDto {
  @OptionalWholeNumber('Position of the first event to export (inclusive); the log order is commit order.', 1)
  fromPosition?: number;

  @OptionalWholeNumber('Position of the last event to export (inclusive).', 1)
  toPosition?: number;

  @OptionalInstant('Export the events recorded from this instant (ledger time), instead of positions.')
  fromTime?: string;

  @OptionalInstant('Export the events recorded up to this instant (ledger time).')
  toTime?: string;
}
