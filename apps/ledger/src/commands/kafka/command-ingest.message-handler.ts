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
import type { Actor, SubmissionRequest } from '@ledger/application';
import type { Authenticator } from '@ledger/auth';
import {
  principalOfIngestTopic,
  type IngestBatchHandler,
  type IngestHandler,
  type IngestMessage,
  type IngestOutcome,
  type RejectionReason,
} from '@ledger/messaging';
import type { ProblemDetails } from '@ledger/platform';
import type { CommandGateway } from '../command-gateway';
import { validateSubmission } from '../validate-submission';

export interface CommandIngestHandlerOptions {
  gateway: CommandGateway;
  authenticator: Pick<Authenticator, 'authenticatePrincipal'>;
  /** The publishers' topics are `<topicPrefix><principal>`. */
  topicPrefix: string;
  clock?: () => Date;
}

/** The handlers the ingest consumer calls: one message alone, or a chunk of one partition's messages decided together. */
export interface CommandIngestHandlers {
  handle: IngestHandler;
  handleMany: IngestBatchHandler;
}

export function createCommandIngestHandlers({ gateway, authenticator, topicPrefix, clock = () => new Date() }: CommandIngestHandlerOptions): CommandIngestHandlers {
  const senderOf = async (topic: string): Promise<Actor | RejectionReason> => {
    const principal = principalOfIngestTopic(topicPrefix, topic);
    const authentication = principal === null ? null : await authenticator.authenticatePrincipal(principal);
    if (authentication?.ok) return authentication.account;
    const why = authentication?.reason === 'account-disabled' ? 'is disabled' : 'has no service account in the ledger';
    return { code: 'auth.forbidden', message: `The publisher of topic ${topic} (Kafka principal "${principal}") ${why}; nothing was recorded.` };
  };

  // The messages of one chunk come from one partition of one topic: one publisher.
  const handleMany = async (messages: IngestMessage[]): Promise<IngestOutcome[]> => {
    const sender = await senderOf(messages[0]!.topic);
    if ('code' in sender) return messages.map(() => rejected(sender));
    const now = clock();
    const prepared = messages.map((message) => submissionOf(message, now));
    const submissions = prepared.flatMap((one) => ('submission' in one ? [one.submission] : []));
    // submitAll answers a problem only for what is the submission's fault, and throws the rest (the database is down).
    const recorded = submissions.length === 0 ? [] : await gateway.submitAll(submissions, sender);
    let next = 0;
    return prepared.map((one) => {
      if ('rejection' in one) return rejected(one.rejection);
      const outcome = recorded[next++]!;
      return 'problem' in outcome ? rejected(rejectionOf(outcome.problem)) : { status: 'accepted' };
    });
  };

  // One message is a chunk of one: the same decoding, recording and answers.
  const handle = async (message: IngestMessage): Promise<IngestOutcome> => (await handleMany([message]))[0]!;

  return { handle, handleMany };
}

/** The submission a message carries, decoded and validated at the edge, or why it can never be accepted. */
function submissionOf(message: IngestMessage, now: Date): { submission: SubmissionRequest } | { rejection: RejectionReason } {
  const parsed = parseJson(message.value);
  if ('rejection' in parsed) return parsed;
  const validation = validateSubmission(withHeaderDefaults(parsed.json, message.headers), now);
  if (!validation.ok) {
    const [first] = validation.violations;
    return {
      rejection: {
        code: 'submission.invalid',
        message: `The submission is not valid: ${first?.message ?? 'see details'}`,
        field: first?.field,
        details: validation.violations,
      },
    };
  }
  if (!validation.submission.idempotencyKey) {
    return {
      rejection: {
        code: 'submission.idempotency-key-required',
        message: 'Submissions over Kafka need an idempotencyKey (or an idempotency-key header): Kafka may deliver a message twice.',
        field: 'idempotencyKey',
      },
    };
  }
  return { submission: validation.submission };
}

function rejectionOf(problem: ProblemDetails): RejectionReason {
  return { code: problem.code, message: problem.detail, field: problem.errors?.[0]?.field, details: problem };
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
