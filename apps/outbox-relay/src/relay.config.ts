/** The outbox relay's configuration: where to read events, where to publish them. */
import { DEFAULT_TOPICS } from '@ledger/contracts';
import { DEFAULT_RELAY_BATCH_SIZE } from '@ledger/event-store';
import { DEFAULT_MAX_REQUEST_BYTES } from '@ledger/messaging';
import { loadConfig } from '@ledger/platform';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export class RelayConfig {
  @IsInt() @Min(0) @Max(65535) port = 3001;
  @IsString() @MinLength(1) databaseUrl = 'postgres://postgres@127.0.0.1:5432/alignment_ledger';
  @IsString({ each: true }) kafkaBrokers = ['127.0.0.1:9092'];
  @IsString() @MinLength(1) ledgerEventsTopic: string = DEFAULT_TOPICS.ledgerEvents;
  @IsInt() @Min(1) @Max(1000) topicPartitions = 6;
  /** Events read from the store and sent to Kafka per round trip. */
  @IsInt() @Min(1) @Max(10_000) batchSize = DEFAULT_RELAY_BATCH_SIZE;
  /** Bytes of events one produce request carries at most; keep it at or below the topic's `max.message.bytes`. */
  @IsInt() @Min(1024) @Max(100_000_000) maxSendBytes = DEFAULT_MAX_REQUEST_BYTES;
  /** Largest accepted request body, in the notation of body-parser (e.g. `100kb`). */
  @Matches(/^\d+(b|kb|mb)$/i) requestBodyLimit = '100kb';
}

export const RELAY_ENVIRONMENT = {
  port: 'PORT',
  databaseUrl: 'DATABASE_URL',
  kafkaBrokers: 'KAFKA_BROKERS',
  ledgerEventsTopic: 'LEDGER_EVENTS_TOPIC',
  topicPartitions: 'KAFKA_TOPIC_PARTITIONS',
  batchSize: 'RELAY_BATCH_SIZE',
  maxSendBytes: 'RELAY_MAX_SEND_BYTES',
  requestBodyLimit: 'REQUEST_BODY_LIMIT',
} as const satisfies Record<keyof RelayConfig, string>;

export function loadRelayConfig(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  return loadConfig(RelayConfig, RELAY_ENVIRONMENT, env);
}
