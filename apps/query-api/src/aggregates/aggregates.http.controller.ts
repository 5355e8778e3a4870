/**
 * Aggregates over the fact views, grouped by what the caller names in `per`: metric
 * attainment, SLA compliance, contribution fulfilment and decisions within rights, per
 * period, per team, per partnership. Filters apply to the fact's rows before grouping.
 */
import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import { aggregateSource, BI_AGGREGATES, BiQueryError, BiReader, findAggregate, type BiAggregate } from '@ledger/bi';
import type { Request, Response } from 'express';
import { describeAggregate } from '../http/catalogue-descriptions';
import { respondWithList } from '../http/list-response';
import { ApiListOperation } from '../openapi/list-operation.decorator';
import { AggregateDescriptionSchema } from '../openapi/schemas';

@ApiTags('aggregates')
@RequiresPermission('read-views')
@Controller('aggregates')
export class AggregatesHttpController {
  constructor(private readonly reader: BiReader) {}

  @Get()
  @ApiOperation({ operationId: 'listAggregates', summary: 'Lists the aggregates: what each groups by (per) and measures.' })
  @ApiOkResponse({ type: [AggregateDescriptionSchema] })
  aggregates(): AggregateDescriptionSchema[] {
    return BI_AGGREGATES.map(describeAggregate);
  }

  @Get(':name')
  @ApiOperation({
    operationId: 'queryAggregate',
    summary: 'An aggregate grouped by the dimensions named in per, e.g. /aggregates/sla-compliance?per=sla_key,week.',
  })
  @ApiParam({ name: 'name', enum: BI_AGGREGATES.map((aggregate) => aggregate.name) })
  @ApiQuery({ name: 'per', required: true, description: 'Comma-separated dimensions to group by (GET /aggregates lists them); they form the key of each row.' })
  @ApiListOperation()
  groups(@Param('name') name: string, @Req() request: Request, @Res() response: Response): Promise<void> {
    return respondWithList({
      reader: this.reader,
      request,
      response,
      source: (parameters) => aggregateSource(aggregateNamed(name), parameters.get('per')),
      routeParameters: ['per'],
    });
  }
}

function aggregateNamed(name: string): BiAggregate {
  const aggregate = findAggregate(name);
  if (!aggregate) throw new BiQueryError('query.unknown-aggregate', `There is no aggregate "${name}"; GET /aggregates lists them.`);
  return aggregate;
}
