/** Rule 2 of engagement: what each partner commits to bring, and whether it did. */
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import { ApiCommand } from '../../openapi/api-command.decorator';
import { HttpCommandSubmitter } from './http-command-submitter';
import { Submission, type SubmissionContext } from './submission-context';

@ApiTags('Contributions')
@RequiresPermission('submit-commands')
@Controller('partnerships/:partnershipId/contributions')
export class ContributionsHttpController {
  constructor(private readonly commands: HttpCommandSubmitter) {}

  @Post()
  @ApiCommand('CommitContribution', 'Commit a partner to a contribution (people, data access, budget, tooling, expertise, process)')
  commit(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('CommitContribution', id, body, context);
  }

  @Post('deliveries')
  @ApiCommand('DeliverContribution', 'Record that a committed contribution was delivered, with evidence')
  deliver(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('DeliverContribution', id, body, context);
  }

  @Post('withdrawals')
  @ApiCommand('WithdrawContribution', 'Withdraw a committed contribution, with a reason')
  withdraw(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('WithdrawContribution', id, body, context);
  }
}
