/** Rule 1 of engagement and the partnership's life: propose, scope, sign, suspend, terminate. */
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import type { CommandResult } from '@ledger/contracts';
import { ApiCommand } from '../../openapi/api-command.decorator';
import { HttpCommandSubmitter } from './http-command-submitter';
import { Submission, type SubmissionContext } from './submission-context';

@ApiTags('Agreement')
@RequiresPermission('submit-commands')
@Controller('partnerships')
export class AgreementHttpController {
  constructor(private readonly commands: HttpCommandSubmitter) {}

  @Post()
  @ApiCommand('ProposePartnership', 'Propose a partnership between teams', 'The body names the partnership id and at least two partner teams.')
  propose(@Body() body: { partnershipId?: unknown }, @Submission() context: SubmissionContext): Promise<CommandResult> {
    const partnershipId = typeof body?.partnershipId === 'string' ? body.partnershipId : '';
    return this.commands.submit('ProposePartnership', partnershipId, body, context);
  }

  @Post(':partnershipId/scope')
  @ApiCommand('DefineScope', 'Define the scope of the agreement (agreement version 1)')
  defineScope(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('DefineScope', id, body, context);
  }

  @Post(':partnershipId/scope/amendments')
  @ApiCommand('AmendScope', 'Amend the scope: a new agreement version that every partner signs again')
  amendScope(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('AmendScope', id, body, context);
  }

  @Post(':partnershipId/signatures')
  @ApiCommand('SignAgreement', 'Sign the current agreement version for a partner team', 'The partnership becomes active once every partner has signed.')
  sign(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('SignAgreement', id, body, context);
  }

  @Post(':partnershipId/suspension')
  @ApiCommand('SuspendPartnership', 'Suspend an active partnership')
  suspend(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('SuspendPartnership', id, body, context);
  }

  @Post(':partnershipId/resumption')
  @ApiCommand('ResumePartnership', 'Resume a suspended partnership')
  resume(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('ResumePartnership', id, body, context);
  }

  @Post(':partnershipId/termination')
  @ApiCommand('TerminatePartnership', 'Terminate a partnership; nothing more is recorded against it')
  terminate(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('TerminatePartnership', id, body, context);
  }

  @Post(':partnershipId/vocabulary')
  @ApiCommand('DefineVocabularyTerm', 'Define a shared vocabulary term (version 1)')
  defineTerm(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('DefineVocabularyTerm', id, body, context);
  }

  @Post(':partnershipId/vocabulary/revisions')
  @ApiCommand('ReviseVocabularyTerm', 'Agree a new version of a vocabulary term')
  reviseTerm(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('ReviseVocabularyTerm', id, body, context);
  }
}
