/** Rule 5 of engagement (assets) and the service level agreements between partners. */
import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import { ApiCommand } from '../../openapi/api-command.decorator';
import { HttpCommandSubmitter } from './http-command-submitter';
import { Submission, type SubmissionContext } from './submission-context';

@ApiTags('Assets and SLAs')
@RequiresPermission('submit-commands')
@Controller('partnerships/:partnershipId')
export class AssetsAndSlasHttpController {
  constructor(private readonly commands: HttpCommandSubmitter) {}

  @Post('assets')
  @ApiCommand('RegisterAsset', 'Register an asset a partner brings, with owner, steward and usage parameters')
  registerAsset(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('RegisterAsset', id, body, context);
  }

  @Post('assets/usage-amendments')
  @ApiCommand('AmendAssetUsage', 'Amend the usage parameters (or steward) of an asset')
  amendAssetUsage(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('AmendAssetUsage', id, body, context);
  }

  @Post('slas')
  @ApiCommand('DefineSla', 'Define an SLA: provider, beneficiary, measure, threshold and compliance target')
  defineSla(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('DefineSla', id, body, context);
  }

  @Post('slas/observations')
  @ApiCommand('RecordSlaObservation', 'Record one observation of an SLA (whether the case met the threshold is derived)')
  observe(@Param('partnershipId') id: string, @Body() body: unknown, @Submission() context: SubmissionContext) {
    return this.commands.submit('RecordSlaObservation', id, body, context);
  }
}
