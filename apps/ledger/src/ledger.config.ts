/**
 * The ledger service's configuration: every setting, its environment variable and a
 * default that runs the local stack. Validated once at start-up.
 */
import { DEFAULT_TOPICS } from '@ledger/contracts';
import { loadConfig } from '@ledger/platform';
import { IsBoolean, IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export class LedgerConfig {
  @IsInt() @Min(0) @Max(65535) port = 3000;
  @IsString() @MinLength(1) databaseUrl = 'postgres://postgres@127.0.0.1:5432/alignment_ledger';
  @IsInt() @Min(1) @Max(200) databasePoolSize = 10;
  @IsString({ each: true }) kafkaBrokers = ['127.0.0.1:9092'];
  @IsString() @MinLength(1) ledgerEventsTopic: string = DEFAULT_TOPICS.ledgerEvents;
  /**
   * Each publisher principal writes to its own topic `<prefix><principal>`: Kafka does not
   * tell a consumer who produced a record, so the topic (writable by that principal only)
   * does, and the ledger records the principal as the actor.
   */
  @Matches(/^[A-Za-z0-9._-]{1,200}$/, { message: 'a topic prefix is letters, digits, dots, underscores and dashes' })
  commandIngestTopicPrefix = `${DEFAULT_TOPICS.commandIngest}.`;
  /** How often the ledger looks for new publishers' ingest topics (a new one is consumed within this delay). */
  @IsInt() @Min(1) @Max(3600) commandIngestRefreshSeconds = 15;
  @IsString() @MinLength(1) commandDeadLetterTopic: string = DEFAULT_TOPICS.commandDeadLetter;
  @IsString() @MinLength(1) commandIngestGroup = 'alignment-ledger-command-ingest';
  /** Partitions of the topics the ledger creates when they do not exist yet. */
  @IsInt() @Min(1) @Max(1000) topicPartitions = 6;
  @IsBoolean() commandIngestEnabled = true;
  /** Largest accepted request body, in the notation of body-parser (e.g. `1mb`). */
  @Matches(/^\d+(b|kb|mb)$/i) requestBodyLimit = '1mb';
  /** Partnerships whose decided state stays in memory between commands. */
  @IsInt() @Min(1) stateCacheSize = 10_000;
  /** Events the cached states add up to at most: what bounds the cache's memory (see PartnershipRepository). */
  @IsInt() @Min(1) stateCacheEvents = 1_000_000;
}

export const LEDGER_ENVIRONMENT = {
  port: 'PORT',
  databaseUrl: 'DATABASE_URL',
  databasePoolSize: 'DATABASE_POOL_SIZE',
  kafkaBrokers: 'KAFKA_BROKERS',
  ledgerEventsTopic: 'LEDGER_EVENTS_TOPIC',
  commandIngestTopicPrefix: 'COMMAND_INGEST_TOPIC_PREFIX',
  commandIngestRefreshSeconds: 'COMMAND_INGEST_REFRESH_SECONDS',
  commandDeadLetterTopic: 'COMMAND_DEAD_LETTER_TOPIC',
  commandIngestGroup: 'COMMAND_INGEST_GROUP',
  topicPartitions: 'KAFKA_TOPIC_PARTITIONS',
  commandIngestEnabled: 'COMMAND_INGEST_ENABLED',
  requestBodyLimit: 'REQUEST_BODY_LIMIT',
  stateCacheSize: 'STATE_CACHE_SIZE',
  stateCacheEvents: 'STATE_CACHE_EVENTS',
} as const satisfies Record<keyof LedgerConfig, string>;

export function loadLedgerConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  return loadConfig(LedgerConfig, LEDGER_ENVIRONMENT, env);
}
