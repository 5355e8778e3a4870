/**
 * A partnership as it stood at a past moment, rebuilt by the domain's own code, and
 * what changed between two moments. Every answer names its time axis: ledger time
 * (what the ledger had recorded by then) or business time (what had happened by then,
 * as known now: facts recorded late change it).
 */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import { PartnershipTimeline, type Moment, type TimeAxis } from '@ledger/audit';
import { createValidationPipe } from '@ledger/platform';
import { invalidQuery } from '../errors/audit-problems';
import { DiffSchema, ProblemSchema, StateAsOfSchema } from '../openapi/schemas';
import { DiffQueryDto, StateQueryDto } from './dto/audit-queries.dto';

@RequiresPermission('read-history')
@ApiTags('As of')
@Controller('audit/partnerships/:partnershipId')
export class AsOfHttpController {
  constructor(private readonly timeline: PartnershipTimeline) {}

  @Get('state')
  @ApiOperation({ operationId: 'GetPartnershipStateAsOf', summary: 'The state of a partnership at an instant (business or ledger time) or a version' })
  @ApiOkResponse({ type: StateAsOfSchema })
  @ApiNotFoundResponse({ type: ProblemSchema })
  state(@Param('partnershipId') partnershipId: string, @Query(createValidationPipe()) query: StateQueryDto) {
    return this.timeline.stateAsOf(partnershipId, momentOf(query.asOf, query.version, query.time, ['asOf', 'version']));
  }

  @Get('diff')
  @ApiOperation({ operationId: 'GetPartnershipDiff', summary: 'What changed in a partnership between two instants (or versions): added, removed and changed paths' })
  @ApiOkResponse({ type: DiffSchema })
  @ApiNotFoundResponse({ type: ProblemSchema })
  diff(@Param('partnershipId') partnershipId: string, @Query(createValidationPipe()) query: DiffQueryDto) {
    const from = momentOf(query.from, query.fromVersion, query.time, ['from', 'fromVersion']);
    const to = momentOf(query.to, query.toVersion, query.time, ['to', 'toVersion']);
    return this.timeline.diff(partnershipId, from, to);
  }
}

/** Exactly one of an instant and a version. */
function momentOf(instant: string | undefined, version: number | undefined, time: TimeAxis, [instantField, versionField]: [string, string]): Moment {
  if ((instant === undefined) === (version === undefined)) {
    throw invalidQuery(instantField, `Give exactly one of ${instantField} (an instant) and ${versionField} (a stream version).`);
  }
  return instant !== undefined ? { time, instant: new Date(instant).toISOString() } : { version: version! };
}
