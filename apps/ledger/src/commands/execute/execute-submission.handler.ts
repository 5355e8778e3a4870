/** Hands a submission to the application's write path; transports stay thin. */
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubmissionExecutor, type ExecutionOutcome } from '@ledger/application';
import { ExecuteSubmissionCommand } from './execute-submission.command';

@CommandHandler(ExecuteSubmissionCommand)
export class ExecuteSubmissionHandler implements ICommandHandler<ExecuteSubmissionCommand, ExecutionOutcome> {
  constructor(private readonly executor: SubmissionExecutor) {}

  execute({ request, actor }: ExecuteSubmissionCommand): Promise<ExecutionOutcome> {
    return this.executor.execute(request, actor);
  }
}
