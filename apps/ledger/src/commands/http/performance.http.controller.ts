/** Rule 3 of engagement: shared metrics, their single owner, targets and readings. */
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import { ApiCommand } from '../../openapi/api-command.decorator';
import { HttpCommandSubmitter } from './http-command-submitter';
import { Submission, type SubmissionContext } from './submission-context';

@ApiTags('Performance')
@RequiresPermission('submit-commands')
@Controller('partnerships/:partnershipId')
export class PerformanceHttpController {
  constructor(private readonly commands: HttpCommandSubmitter) {}

  @Post('metrics')
  @ApiCommand('DefineMetric', 'Define a shared metric with exactly one owning partner')
  defineMetric(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('DefineMetric', id, body, context);
  }

  @Post('metrics/ownership-transfers')
  @ApiCommand('TransferMetricOwnership', 'Hand a metric over to another partner')
  transferOwnership(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('TransferMetricOwnership', id, body, context);
  }

  @Post('metrics/targets')
  @ApiCommand('SetMetricTarget', 'Set the target of a metric for a period of its cadence')
  setTarget(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('SetMetricTarget', id, body, context);
  }

  @Post('metrics/retirements')
  @ApiCommand('RetireMetric', 'Retire a metric; it accepts no more readings')
  retire(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('RetireMetric', id, body, context);
  }

  @Post('readings')
  @ApiCommand('RecordReading', 'Record a performance reading of a metric for a period')
  recordReading(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('RecordReading', id, body, context);
  }

  @Post('readings/corrections')
  @ApiCommand('CorrectReading', 'Correct a reading by a new event; the original stays in the history')
  correctReading(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('CorrectReading', id, body, context);
  }
}
