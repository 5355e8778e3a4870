/**
 * The single door both transports use to record a submission: it sends the CQRS
 * command and turns expected write failures into problem details, so HTTP answers
 * and dead-letter reasons say the same thing for the same mistake.
 */
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { ExecutionOutcome, SubmissionRequest } from '@ledger/application';
import { ProblemException } from '@ledger/platform';
import { problemForWriteFailure } from '../errors/ledger-problems';
import { ExecuteSubmissionCommand } from './execute/execute-submission.command';

@Injectable()
export class CommandGateway {
  constructor(private readonly commandBus: CommandBus) {}

  /** `dataFieldPrefix`: where the command data sits in the request body (see problemForWriteFailure). */
  async submit(request: SubmissionRequest, actor: string, dataFieldPrefix = 'data.'): Promise<ExecutionOutcome> {
    try {
      return await this.commandBus.execute(new ExecuteSubmissionCommand(request, actor));
    } catch (error) {
      const expected = problemForWriteFailure(error, dataFieldPrefix);
      if (expected) throw new ProblemException(expected);
      throw error;
    }
  }
}
