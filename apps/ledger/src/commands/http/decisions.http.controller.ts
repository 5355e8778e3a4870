/** Rule 4 of engagement: decision rights (RACI) per area, and the decisions taken. */
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import { ApiCommand } from '../../openapi/api-command.decorator';
import { HttpCommandSubmitter } from './http-command-submitter';
import { Submission, type SubmissionContext } from './submission-context';

@ApiTags('Decisions')
@RequiresPermission('submit-commands')
@Controller('partnerships/:partnershipId')
export class DecisionsHttpController {
  constructor(private readonly commands: HttpCommandSubmitter) {}

  @Post('decision-rights')
  @ApiCommand('AssignDecisionRights', 'Assign RACI rights in a decision area (exactly one Accountable)')
  assign(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('AssignDecisionRights', id, body, context);
  }

  @Post('decision-rights/revocations')
  @ApiCommand('RevokeDecisionRight', 'Revoke a RACI right held by a team')
  revoke(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('RevokeDecisionRight', id, body, context);
  }

  @Post('decisions')
  @ApiCommand('RecordDecision', 'Record a decision; the deciding team must be Responsible or Accountable for the area')
  record(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('RecordDecision', id, body, context);
  }
}
