/**
 * The single door both transports use to record a submission: it sends the CQRS
 * command and turns expected write failures into problem details, so HTTP answers
 * and dead-letter reasons say the same thing for the same mistake.
 */
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Actor, ExecutionOutcome, SubmissionOutcome, SubmissionRequest } from '@ledger/application';
import { ProblemException, type ProblemDetails } from '@ledger/platform';
import { problemForWriteFailure } from '../errors/ledger-problems';
import { ExecuteSubmissionBatchCommand } from './execute/execute-submission-batch.command';
import { ExecuteSubmissionCommand } from './execute/execute-submission.command';

@Injectable()
export class CommandGateway {
  constructor(private readonly commandBus: CommandBus) {}

  /** `dataFieldPrefix`: where the command data sits in the request body (see problemForWriteFailure). */
  async submit(request: SubmissionRequest, actor: Actor, dataFieldPrefix = 'data.'): Promise<ExecutionOutcome> {
    try {
      return await this.commandBus.execute(new ExecuteSubmissionCommand(request, actor));
    } catch (error) {
      const expected = problemForWriteFailure(error, dataFieldPrefix);
      if (expected) throw new ProblemException(expected);
      throw error;
    }
  }

  /**
   * Many submissions, each recorded or refused on its own: an expected refusal becomes
   * that submission's problem; an unexpected failure (the database is down) is thrown,
   * as `submit` would.
   */
  async submitAll(requests: readonly SubmissionRequest[], actor: Actor): Promise<BatchSubmissionOutcome[]> {
    const outcomes: SubmissionOutcome[] = await this.commandBus.execute(new ExecuteSubmissionBatchCommand(requests, actor));
    return outcomes.map((outcome) => {
      if (outcome.ok) return outcome.outcome;
      const expected = problemForWriteFailure(outcome.error);
      if (expected) return { problem: expected };
      throw outcome.error;
    });
  }
}

export type BatchSubmissionOutcome = ExecutionOutcome | { problem: ProblemDetails };
