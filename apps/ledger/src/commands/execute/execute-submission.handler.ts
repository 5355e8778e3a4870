/** Hands submissions to the application's write path; transports stay thin. */
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SubmissionExecutor, type ExecutionOutcome, type SubmissionOutcome } from '@ledger/application';
import { ExecuteSubmissionBatchCommand } from './execute-submission-batch.command';
import { ExecuteSubmissionCommand } from './execute-submission.command';

@CommandHandler(ExecuteSubmissionCommand)
export class ExecuteSubmissionHandler implements ICommandHandler<ExecuteSubmissionCommand, ExecutionOutcome> {
  constructor(private readonly executor: SubmissionExecutor) {}

  execute({ request, actor }: ExecuteSubmissionCommand): Promise<ExecutionOutcome> {
    return this.executor.execute(request, actor);
  }
}

@CommandHandler(ExecuteSubmissionBatchCommand)
export class ExecuteSubmissionBatchHandler implements ICommandHandler<ExecuteSubmissionBatchCommand, SubmissionOutcome[]> {
  constructor(private readonly executor: SubmissionExecutor) {}

  execute({ requests, actor }: ExecuteSubmissionBatchCommand): Promise<SubmissionOutcome[]> {
    return this.executor.executeAll(requests, actor);
  }
}
