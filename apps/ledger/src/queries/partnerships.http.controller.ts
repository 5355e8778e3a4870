/**
 * Read side of the ledger service: a partnership as the domain sees it (publishers in
 * its scope, auditors, analysts) and its events (auditors: history is theirs).
 */
import { Controller, DefaultValuePipe, Get, HttpStatus, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentAccount, outOfScope, RequiresPermission, stateReadRefusal, type AuthenticatedAccount } from '@ledger/auth';
import { problem, ProblemException } from '@ledger/platform';
import type { Response } from 'express';
import { ProblemSchema } from '../openapi/schemas';
import { GetPartnershipEventsQuery, GetPartnershipQuery } from './get-partnership.query';

const MAX_PAGE = 1000;

@ApiTags('Partnerships')
@Controller('partnerships/:partnershipId')
export class PartnershipsHttpController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequiresPermission('read-partnership-state')
  @ApiOperation({ operationId: 'GetPartnership', summary: 'The current state of a partnership, as the rules see it' })
  @ApiOkResponse({ description: 'State and stream version (also in the ETag header, for If-Match).' })
  @ApiNotFoundResponse({ type: ProblemSchema })
  async get(
    @Param('partnershipId') partnershipId: string,
    @CurrentAccount() account: AuthenticatedAccount,
    @Res({ passthrough: true }) response: Response,
  ) {
    const snapshot = await this.queries.execute(new GetPartnershipQuery(partnershipId));
    const partners = snapshot?.state.partners.map(({ teamId }) => teamId) ?? [];
    const refusal = stateReadRefusal(account, partnershipId, partners);
    if (refusal) throw outOfScope(refusal);
    if (!snapshot) throw notFound(partnershipId);
    response.setHeader('ETag', `"${snapshot.version}"`);
    return snapshot;
  }

  @Get('events')
  @RequiresPermission('read-history')
  @ApiOperation({ operationId: 'GetPartnershipEvents', summary: 'The recorded events of a partnership, in stream order, page by page' })
  @ApiQuery({ name: 'fromVersion', required: false, description: 'First stream version to return (default 1).' })
  @ApiQuery({ name: 'limit', required: false, description: `Page size, 1 to ${MAX_PAGE} (default 100).` })
  @ApiNotFoundResponse({ type: ProblemSchema })
  async events(
    @Param('partnershipId') partnershipId: string,
    @Query('fromVersion', new DefaultValuePipe(1), ParseIntPipe) fromVersion: number,
    @Query('limit', new DefaultValuePipe(100), ParseIntPipe) limit: number,
  ) {
    if (fromVersion < 1 || limit < 1 || limit > MAX_PAGE) {
      throw new ProblemException(
        problem(HttpStatus.BAD_REQUEST, 'request.invalid', `fromVersion must be >= 1 and limit between 1 and ${MAX_PAGE}.`),
      );
    }
    const events = await this.queries.execute(new GetPartnershipEventsQuery(partnershipId, fromVersion, limit));
    if (events.length === 0 && fromVersion === 1) throw notFound(partnershipId);
    const last = events.at(-1);
    return { events, nextFromVersion: last && events.length === limit ? last.streamVersion + 1 : null };
  }
}

function notFound(partnershipId: string): ProblemException {
  return new ProblemException(
    problem(HttpStatus.NOT_FOUND, 'partnership.not-found', `No partnership "${partnershipId}" is recorded in the ledger.`),
  );
}
