/**
 * The transport-neutral entry point: the same `CommandSubmission` shape internal
 * systems put on the Kafka ingest topic, one at a time or in batches.
 */
import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandResult } from '@ledger/contracts';
import { problem, ProblemException, type ProblemDetails } from '@ledger/platform';
import type { Request, Response } from 'express';
import { BatchOutcomeSchema, CommandResultSchema } from '../../openapi/schemas';
import { CommandGateway } from '../command-gateway';
import { CommandBatchDto, CommandSubmissionDto, MAX_BATCH_SIZE } from '../dto/submission.dto';
import { validateSubmission, type SubmissionValidation } from '../validate-submission';
import { actorOf } from './submission-context';

type BatchItemOutcome =
  | { status: number; result: CommandResult; replayed: boolean }
  | { status: number; problem: ProblemDetails };

@ApiTags('Submissions')
@Controller('commands')
export class SubmissionsHttpController {
  constructor(private readonly gateway: CommandGateway) {}

  @Post()
  @ApiOperation({ operationId: 'SubmitCommand', summary: 'Submit any command in the transport-neutral submission shape' })
  @ApiBody({ type: CommandSubmissionDto })
  @ApiCreatedResponse({ type: CommandResultSchema })
  async submit(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const valid = this.validOrThrow(validateSubmission(body, new Date()));
    const outcome = await this.gateway.submit(valid, actorOf(request));
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
  async submitBatch(@Body() body: unknown, @Req() request: Request) {
    const submissions = this.batchItems(body);
    const actor = actorOf(request);
    const now = new Date();
    const outcomes = await inPartnershipOrder(submissions, (item) => this.submitItem(item, actor, now));
    const accepted = outcomes.filter((outcome) => 'result' in outcome).length;
    return { accepted, rejected: outcomes.length - accepted, outcomes };
  }

  private async submitItem(raw: unknown, actor: string, now: Date): Promise<BatchItemOutcome> {
    try {
      const valid = this.validOrThrow(validateSubmission(raw, now));
      const outcome = await this.gateway.submit(valid, actor);
      return { status: HttpStatus.CREATED, result: outcome.result, replayed: outcome.replayed };
    } catch (error) {
      if (error instanceof ProblemException) return { status: error.getStatus(), problem: error.problem };
      throw error;
    }
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
    throw new ProblemException(
      problem(HttpStatus.BAD_REQUEST, 'request.invalid', 'The submission is not valid; nothing was recorded.', {
        errors: validation.violations,
      }),
    );
  }
}

/**
 * Runs `submit` for every item, one after another within a partnership and concurrently
 * across partnerships, and answers the outcomes in the items' order.
 */
async function inPartnershipOrder<T>(items: unknown[], submit: (item: unknown) => Promise<T>): Promise<T[]> {
  const outcomes = new Array<T>(items.length);
  const lanes = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = String((item as { partnershipId?: unknown } | null)?.partnershipId ?? `#${index}`);
    const lane = lanes.get(key) ?? [];
    lane.push(index);
    lanes.set(key, lane);
  });
  await Promise.all(
    [...lanes.values()].map(async (indexes) => {
      for (const index of indexes) outcomes[index] = await submit(items[index]);
    }),
  );
  return outcomes;
}
