/**
 * What the command ingest consumer hands to its handler, and what the handler answers.
 * Kafka's bytes are decoded once here (key and headers as UTF-8 text) so handlers never
 * deal with kafkajs types; the value stays raw because parsing it is the handler's job
 * and a malformed body must still reach the dead-letter topic unchanged.
 */
import type { IHeaders, KafkaMessage } from 'kafkajs';

export interface IngestMessage {
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  topic: string;
  partition: number;
  offset: string;
}

/** Why a message can never be accepted (retrying would give the same answer). */
export interface RejectionReason {
  /** Stable machine code, e.g. `submission.invalid`. */
  code: string;
  /** One human sentence. */
  message: string;
  field?: string;
  details?: unknown;
}

export type IngestOutcome = { status: 'accepted' } | { status: 'rejected'; reason: RejectionReason };

export type IngestHandler = (message: IngestMessage) => Promise<IngestOutcome>;

/**
 * Many messages of one partition at once, answered in order, one outcome each. Throws
 * when any of them could not be handled now (the database is down, say); the consumer
 * then handles each of them alone, with retries, so a handler must be idempotent.
 */
export type IngestBatchHandler = (messages: IngestMessage[]) => Promise<IngestOutcome[]>;

export function toIngestMessage(topic: string, partition: number, record: KafkaMessage): IngestMessage {
  return {
    key: record.key === null ? null : record.key.toString('utf8'),
    value: record.value,
    headers: decodeHeaders(record.headers),
    topic,
    partition,
    offset: record.offset,
  };
}

/** Kafka allows a header name to repeat; the last value wins, as in most HTTP stacks. */
export function decodeHeaders(headers: IHeaders = {}): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) decoded[name] = value.toString();
  }
  return decoded;
}
