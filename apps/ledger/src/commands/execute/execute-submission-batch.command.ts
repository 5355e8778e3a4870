/** CQRS command: record many submissions, each on its own, on behalf of an authenticated actor. */
import { Command } from '@nestjs/cqrs';
import type { Actor, SubmissionOutcome, SubmissionRequest } from '@ledger/application';

export class ExecuteSubmissionBatchCommand extends Command<SubmissionOutcome[]> {
  constructor(
    readonly requests: readonly SubmissionRequest[],
    readonly actor: Actor,
  ) {
    super();
  }
}
