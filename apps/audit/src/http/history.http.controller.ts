/** The recorded history with every envelope field, page by page: a stream, a partnership, or the whole log. */
import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import { AuditError, AuditHistory } from '@ledger/audit';
import { partnershipStreamId } from '@ledger/contracts';
import { EventStore } from '@ledger/event-store';
import { createValidationPipe } from '@ledger/platform';
import { LogHistorySchema, ProblemSchema, StreamHistorySchema } from '../openapi/schemas';
import { LogHistoryQueryDto, StreamHistoryQueryDto } from './dto/audit-queries.dto';

@RequiresPermission('read-history')
@ApiTags('History')
@Controller('audit')
export class HistoryHttpController {
  constructor(
    private readonly history: AuditHistory,
    private readonly eventStore: EventStore,
  ) {}

  @Get('streams/:streamId/events')
  @ApiOperation({ operationId: 'GetStreamEvents', summary: 'The events of one stream in version order, with every envelope field' })
  @ApiOkResponse({ type: StreamHistorySchema })
  @ApiNotFoundResponse({ type: ProblemSchema })
  async stream(@Param('streamId') streamId: string, @Query(createValidationPipe()) query: StreamHistoryQueryDto) {
    await this.assertRecorded(streamId, new AuditError('not-found', 'audit.stream-not-found', `No stream "${streamId}" is recorded in the ledger.`, 'streamId'));
    return this.history.stream(streamId, query);
  }

  @Get('partnerships/:partnershipId/history')
  @ApiOperation({ operationId: 'GetPartnershipHistory', summary: 'The full history of a partnership: who, when, from which system, why' })
  @ApiOkResponse({ type: StreamHistorySchema })
  @ApiNotFoundResponse({ type: ProblemSchema })
  async partnership(@Param('partnershipId') partnershipId: string, @Query(createValidationPipe()) query: StreamHistoryQueryDto) {
    const streamId = partnershipStreamId(partnershipId);
    await this.assertRecorded(
      streamId,
      new AuditError('not-found', 'audit.partnership-not-found', `No partnership "${partnershipId}" is recorded in the ledger.`, 'partnershipId'),
    );
    return this.history.stream(streamId, query);
  }

  @Get('log')
  @ApiOperation({
    operationId: 'GetLog',
    summary: 'The global log in commit order, page by page (cursor: the last position of the previous page)',
    description: 'Commit order is the order checkpoints seal; positions are unique but may decrease where two appends committed the other way round.',
  })
  @ApiOkResponse({ type: LogHistorySchema })
  log(@Query(createValidationPipe()) query: LogHistoryQueryDto) {
    return this.history.logPage(query);
  }

  private async assertRecorded(streamId: string, otherwise: AuditError): Promise<void> {
    if ((await this.eventStore.streamVersion(streamId)) === 0) throw otherwise;
  }
}
