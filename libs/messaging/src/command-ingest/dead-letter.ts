/**
 * The dead-letter record for a rejected ingest message: the original key, value and
 * headers untouched (so it can be inspected, fixed and resubmitted as it was), plus
 * headers saying why it was rejected and where it came from.
 */
import type { Message } from 'kafkajs';
import type { IngestMessage, RejectionReason } from './ingest-message';

export const DEAD_LETTER_HEADERS = {
  reasonCode: 'dlq-reason-code',
  reason: 'dlq-reason',
  reasonField: 'dlq-reason-field',
  reasonDetails: 'dlq-reason-details',
  sourceTopic: 'dlq-source-topic',
  sourcePartition: 'dlq-source-partition',
  sourceOffset: 'dlq-source-offset',
} as const;

export function deadLetterRecord(message: IngestMessage, reason: RejectionReason): Message {
  const headers: Record<string, string> = {
    ...message.headers,
    [DEAD_LETTER_HEADERS.reasonCode]: reason.code,
    [DEAD_LETTER_HEADERS.reason]: reason.message,
    [DEAD_LETTER_HEADERS.sourceTopic]: message.topic,
    [DEAD_LETTER_HEADERS.sourcePartition]: String(message.partition),
    [DEAD_LETTER_HEADERS.sourceOffset]: message.offset,
  };
  if (reason.field !== undefined) headers[DEAD_LETTER_HEADERS.reasonField] = reason.field;
  if (reason.details !== undefined) headers[DEAD_LETTER_HEADERS.reasonDetails] = JSON.stringify(reason.details);
  return { key: message.key, value: message.value, headers };
}
