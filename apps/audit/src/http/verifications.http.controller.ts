/**
 * Runs a verification of the whole ledger (chains and signed checkpoints) in the
 * background: POST answers at once with the job, GET shows its progress and verdict.
 * The service checks with its own public key; an auditor who does not trust the people
 * running it runs `ledgerctl audit verify` with a pinned key instead.
 */
import { Controller, Get, HttpCode, HttpStatus, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import { CheckpointStore, CommittedLog, verifyLedger, type LedgerIdentity, type VerificationProgress } from '@ledger/audit';
import { LEDGER_IDENTITY } from '../infrastructure/audit.providers';
import { BackgroundJobs } from '../jobs/background-jobs';
import { JobSchema, ProblemSchema } from '../openapi/schemas';

const KIND = 'verification';

@RequiresPermission('read-history')
@ApiTags('Verification')
@Controller('audit/verifications')
export class VerificationsHttpController {
  constructor(
    private readonly jobs: BackgroundJobs,
    private readonly log: CommittedLog,
    private readonly checkpoints: CheckpointStore,
    @Inject(LEDGER_IDENTITY) private readonly identity: LedgerIdentity,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    operationId: 'StartVerification',
    summary: 'Verify every stream chain and every signed checkpoint; answers at once with the job to watch',
  })
  @ApiAcceptedResponse({ type: JobSchema })
  start() {
    return this.jobs.start<VerificationProgress, unknown>(KIND, ({ report, signal }) =>
      verifyLedger({ log: this.log, checkpoints: this.checkpoints, verifierKey: this.identity.verifierKey, onProgress: report, signal }),
    );
  }

  @Get(':id')
  @ApiOperation({ operationId: 'GetVerification', summary: 'Progress and verdict: intact, or the first problem and its place' })
  @ApiOkResponse({ type: JobSchema })
  @ApiNotFoundResponse({ type: ProblemSchema })
  get(@Param('id') id: string) {
    const job = this.jobs.get(id, KIND);
    if (!job) throw new NotFoundException(`No verification ${id} is known to this instance (jobs are kept in memory).`);
    return job;
  }
}
