/** CQRS command: record one submission on behalf of an authenticated actor. */
import { Command } from '@nestjs/cqrs';
import type { Actor, ExecutionOutcome, SubmissionRequest } from '@ledger/application';

export class ExecuteSubmissionCommand extends Command<ExecutionOutcome> {
  constructor(
    readonly request: SubmissionRequest,
    readonly actor: Actor,
  ) {
    super();
  }
}
