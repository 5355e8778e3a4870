/**
 * Turns one HTTP command request into a submission: validates the body against the
 * command's DTO, adds the delivery headers, records it, and sets the response headers
 * (ETag with the new stream version, Idempotent-Replayed on a retry).
 */
import { HttpStatus, Injectable } from '@nestjs/common';
import type { CommandResult } from '@ledger/contracts';
import type { PartnershipCommandType } from '@ledger/domain';
import { problem, ProblemException } from '@ledger/platform';
import { CommandGateway } from '../command-gateway';
import { ID_PATTERN } from '../dto/patterns';
import { validateCommandData } from '../validate-submission';
import type { SubmissionContext } from './submission-context';

@Injectable()
export class HttpCommandSubmitter {
  constructor(private readonly gateway: CommandGateway) {}

  async submit(
    type: PartnershipCommandType,
    partnershipId: string,
    body: unknown,
    context: SubmissionContext,
  ): Promise<CommandResult> {
    const validation = validateCommandData(type, body);
    if (!validation.ok) {
      throw new ProblemException(
        problem(HttpStatus.BAD_REQUEST, 'request.invalid', `The ${type} request is not valid; nothing was recorded.`, {
          errors: validation.violations,
        }),
      );
    }
    if (!ID_PATTERN.test(partnershipId)) {
      throw new ProblemException(
        problem(HttpStatus.BAD_REQUEST, 'request.invalid', `"${partnershipId}" is not a valid partnership id.`, {
          errors: [{ field: 'partnershipId', rule: 'matches', message: 'A partnership id is 1 to 128 letters, digits, or . _ : -' }],
        }),
      );
    }
    const { actor, response, ...delivery } = context;
    const outcome = await this.gateway.submit({ partnershipId, command: validation.command, ...delivery }, actor, '');
    response.setHeader('ETag', `"${outcome.result.streamVersion}"`);
    response.setHeader('Location', `/partnerships/${encodeURIComponent(partnershipId)}`);
    if (outcome.replayed) response.setHeader('Idempotent-Replayed', 'true');
    return outcome.result;
  }
}
