/**
 * The transport-neutral entry point: the same `CommandSubmission` shape internal
 * systems put on the Kafka ingest topic, one at a time or in batches.
 */
import { Body, Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandResult } from '@ledger/contracts';
import type { Actor } from '@ledger/application';
import { CurrentAccount, RequiresPermission } from '@ledger/auth';
import { problem, ProblemException, type ProblemDetails } from '@ledger/platform';
import type { Response } from 'express';
import { BatchOutcomeSchema, CommandResultSchema } from '../../openapi/schemas';
import { CommandGateway } from '../command-gateway';
import { CommandBatchDto, CommandSubmissionDto, MAX_BATCH_SIZE } from '../dto/submission.dto';
import { validateSubmission, type SubmissionValidation } from '../validate-submission';

type BatchItemOutcome =
  | { status: number; result: CommandResult; replayed: boolean }
  | { status: number; problem: ProblemDetails };

@ApiTags('Submissions')
@RequiresPermission('submit-commands')
@Controller('commands')
export class SubmissionsHttpController {
  constructor(private readonly gateway: CommandGateway) {}

  @Post()
  @ApiOperation({ operationId: 'SubmitCommand', summary: 'Submit any command in the transport-neutral submission shape' })
  @ApiBody({ type: CommandSubmissionDto })
  @ApiCreatedResponse({ type: CommandResultSchema })
  async submit(@Body() body: unknown, @CurrentAccount() actor: Actor, @Res({ passthrough: true }) response: Response) {
    const valid = this.validOrThrow(validateSubmission(body, new Date()));
    const outcome = await this.gateway.submit(valid, actor);
    response.setHeader('ETag', `"${outcome.result.streamVersion}"`);
    if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return outcome.result;
  }

  @Post('batch')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    operationId: 'SubmitCommandBatch',
    summary: `Submit up to ${MAX_BATCH_SIZE} commands; each is recorded or refused on its own`,
    description:
      'Submissions for the same partnership are applied one after another in the order given; different partnerships proceed concurrently. The answer lists one outcome per submission, in order.',
  })
  @ApiBody({ type: CommandBatchDto })
  @ApiOkResponse({ type: BatchOutcomeSchema })
  async submitBatch(@Body() body: unknown, @CurrentAccount() actor: Actor) {
    const now = new Date();
    const validations = this.batchItems(body).map((item) => validateSubmission(item, now));
    const valid = validations.flatMap((validation) => (validation.ok ? [validation.submission] : []));
    const recorded = (await this.gateway.submitAll(valid, actor)).values();
    const outcomes: BatchItemOutcome[] = validations.map((validation) => {
      if (!validation.ok) return { status: HttpStatus.BAD_REQUEST, problem: invalidSubmission(validation.violations) };
      const outcome = recorded.next().value!;
      if ('problem' in outcome) return { status: outcome.problem.status, problem: outcome.problem };
      return { status: HttpStatus.CREATED, result: outcome.result, replayed: outcome.replayed };
    });
    const accepted = outcomes.filter((outcome) => 'result' in outcome).length;
    return { accepted, rejected: outcomes.length - accepted, outcomes };
  }

  private batchItems(body: unknown): unknown[] {
    const submissions = (body as { submissions?: unknown } | null)?.submissions;
    if (Array.isArray(submissions) && submissions.length >= 1 && submissions.length <= MAX_BATCH_SIZE) return submissions;
    throw new ProblemException(
      problem(HttpStatus.BAD_REQUEST, 'request.invalid', `A batch is an object with 1 to ${MAX_BATCH_SIZE} "submissions".`, {
        errors: [{ field: 'submissions', rule: 'arrayLength', message: `submissions must hold 1 to ${MAX_BATCH_SIZE} items.` }],
      }),
    );
  }

  private validOrThrow(validation: SubmissionValidation) {
    if (validation.ok) return validation.submission;
    throw new ProblemException(invalidSubmission(validation.violations));
  }
}

function invalidSubmission(violations: Extract<SubmissionValidation, { ok: false }>['violations']): ProblemDetails {
  return problem(HttpStatus.BAD_REQUEST, 'request.invalid', 'The submission is not valid; nothing was recorded.', { errors: violations });
}
