/**
 * The Kafka entry point over the same command as HTTP: decode a message from the
 * ingest topic, validate it at the edge, record it through the command gateway.
 *
 * Every reason a message can never be accepted becomes a rejection (the consumer puts
 * it on the dead-letter topic and moves on); anything else (the database is down)
 * is thrown so the consumer retries the same message and nothing is skipped.
 * Kafka redelivers after a crash, so an idempotency key is required here.
 */
import { HttpStatus } from '@nestjs/common';
import type { IngestHandler, IngestMessage, IngestOutcome, RejectionReason } from '@ledger/messaging';
import { ProblemException } from '@ledger/platform';
import type { CommandGateway } from '../command-gateway';
import { validateSubmission } from '../validate-submission';

/** Until the broker authenticates producers, the ledger records that a submission came over Kafka. */
export const KAFKA_INGEST_ACTOR = 'kafka-ingest';

export function createCommandIngestHandler(gateway: CommandGateway, clock: () => Date = () => new Date()): IngestHandler {
  return async (message: IngestMessage): Promise<IngestOutcome> => {
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
      await gateway.submit(submission, KAFKA_INGEST_ACTOR);
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
