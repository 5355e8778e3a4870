/**
 * The Kafka entry point over the same command as HTTP: find who sent the message (the
 * principal whose ingest topic it is: the broker authenticated it and lets only it write
 * there), decode and validate it at the edge, record it through the command gateway with
 * that principal's service account as the actor, within that account's scope.
 *
 * Every reason a message can never be accepted becomes a rejection (the consumer puts
 * it on the dead-letter topic and moves on); anything else (the database is down)
 * is thrown so the consumer retries the same message and nothing is skipped.
 * Kafka redelivers after a crash, so an idempotency key is required here.
 */
import { HttpStatus } from '@nestjs/common';
import type { Actor } from '@ledger/application';
import type { Authenticator } from '@ledger/auth';
import { principalOfIngestTopic, type IngestHandler, type IngestMessage, type IngestOutcome, type RejectionReason } from '@ledger/messaging';
import { ProblemException } from '@ledger/platform';
import type { CommandGateway } from '../command-gateway';
import { validateSubmission } from '../validate-submission';

export interface CommandIngestHandlerOptions {
  gateway: CommandGateway;
  authenticator: Pick<Authenticator, 'authenticatePrincipal'>;
  /** The publishers' topics are `<topicPrefix><principal>`. */
  topicPrefix: string;
  clock?: () => Date;
}

export function createCommandIngestHandler({ gateway, authenticator, topicPrefix, clock = () => new Date() }: CommandIngestHandlerOptions): IngestHandler {
  const senderOf = async (topic: string): Promise<Actor | RejectionReason> => {
    const principal = principalOfIngestTopic(topicPrefix, topic);
    const authentication = principal === null ? null : await authenticator.authenticatePrincipal(principal);
    if (authentication?.ok) return authentication.account;
    const why = authentication?.reason === 'account-disabled' ? 'is disabled' : 'has no service account in the ledger';
    return { code: 'auth.forbidden', message: `The publisher of topic ${topic} (Kafka principal "${principal}") ${why}; nothing was recorded.` };
  };

  return async (message: IngestMessage): Promise<IngestOutcome> => {
    const sender = await senderOf(message.topic);
    if ('code' in sender) return rejected(sender);
    const parsed = parseJson(message.value);
    if ('rejection' in parsed) return rejected(parsed.rejection);

    const validation = validateSubmission(withHeaderDefaults(parsed.json, message.headers), clock());
    if (!validation.ok) {
      const [first] = validation.violations;
      return rejected({
        code: 'submission.invalid',
        message: `The submission is not valid: ${first?.message ?? 'see details'}`,
        field: first?.field,
        details: validation.violations,
      });
    }
    const submission = validation.submission;
    if (!submission.idempotencyKey) {
      return rejected({
        code: 'submission.idempotency-key-required',
        message: 'Submissions over Kafka need an idempotencyKey (or an idempotency-key header): Kafka may deliver a message twice.',
        field: 'idempotencyKey',
      });
    }
    try {
      await gateway.submit(submission, sender);
      return { status: 'accepted' };
    } catch (error) {
      if (error instanceof ProblemException && error.problem.status < HttpStatus.INTERNAL_SERVER_ERROR) {
        const { problem } = error;
        return rejected({ code: problem.code, message: problem.detail, field: problem.errors?.[0]?.field, details: problem });
      }
      throw error;
    }
  };
}

function parseJson(value: Buffer | null): { json: unknown } | { rejection: RejectionReason } {
  if (value === null || value.length === 0) {
    return { rejection: { code: 'submission.empty', message: 'The message has no value; a submission is a JSON object.' } };
  }
  try {
    return { json: JSON.parse(value.toString('utf8')) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { rejection: { code: 'submission.malformed-json', message: `The message value is not valid JSON: ${reason}` } };
  }
}

/** Publishers may carry the idempotency key in a header instead of the body. */
function withHeaderDefaults(json: unknown, headers: Record<string, string>): unknown {
  const key = headers['idempotency-key'];
  if (!key || typeof json !== 'object' || json === null || Array.isArray(json) || 'idempotencyKey' in json) return json;
  return { ...json, idempotencyKey: key };
}

function rejected(reason: RejectionReason): IngestOutcome {
  return { status: 'rejected', reason };
}
