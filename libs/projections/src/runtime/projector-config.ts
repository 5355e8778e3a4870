/**
 * The configuration both projector services read from the environment: every setting,
 * its variable, and a default that runs the local stack. Each service subclasses it to
 * give its own port and consumer group; `loadConfig` (`@ledger/platform`) validates it
 * once at start-up, so a bad value stops the service with one sentence.
 */
import { DEFAULT_TOPICS } from '@ledger/contracts';
import type { MessagingLogger } from '@ledger/messaging';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';
import type { Projection } from '../projection';
import type { ProjectorSettings } from './projector-runtime';
import type { AfterSwitchHook } from './schema-switch';

export abstract class ProjectorConfig {
  @IsInt() @Min(0) @Max(65535) abstract port: number;
  @IsString() @MinLength(1) databaseUrl = 'postgres://postgres@127.0.0.1:5432/alignment_ledger';
  @IsString({ each: true }) kafkaBrokers = ['127.0.0.1:9092'];
  @IsString() @MinLength(1) ledgerEventsTopic: string = DEFAULT_TOPICS.ledgerEvents;
  /** Partitions of the ledger topic, should this service be the first to create it. */
  @IsInt() @Min(1) @Max(1000) topicPartitions = 6;
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'a consumer group is letters, digits, dots, underscores and dashes' })
  abstract projectorGroup: string;
  /** Events per Postgres transaction. */
  @IsInt() @Min(1) @Max(10_000) batchSize = 500;
  /** Readiness reports the view as caught up when its lag is at most this many seconds. */
  @IsInt() @Min(0) caughtUpWithinSeconds = 30;
  /** Largest accepted request body, in the notation of body-parser (e.g. `100kb`); no route of a projector reads one. */
  @Matches(/^\d+(b|kb|mb)$/i) requestBodyLimit = '100kb';
}

export const PROJECTOR_ENVIRONMENT = {
  port: 'PORT',
  databaseUrl: 'DATABASE_URL',
  kafkaBrokers: 'KAFKA_BROKERS',
  ledgerEventsTopic: 'LEDGER_EVENTS_TOPIC',
  topicPartitions: 'KAFKA_TOPIC_PARTITIONS',
  projectorGroup: 'PROJECTOR_GROUP',
  batchSize: 'PROJECTOR_BATCH_SIZE',
  caughtUpWithinSeconds: 'PROJECTOR_CAUGHT_UP_SECONDS',
  requestBodyLimit: 'REQUEST_BODY_LIMIT',
} as const satisfies Record<keyof ProjectorConfig, string>;

/** Which projection a service feeds: its name (`ownership-projector`), live schema and projection in any schema. */
export interface ProjectedView {
  readonly name: string;
  readonly liveSchema: string;
  readonly projectionIn: (schema: string) => Projection;
  /** What must follow the live schema through a rebuild's switch (views of other schemas over it, their grants). */
  readonly afterSwitch?: readonly AfterSwitchHook[];
}

export function projectorSettings(config: ProjectorConfig, view: ProjectedView, logger: MessagingLogger): ProjectorSettings {
  return {
    ...view,
    databaseUrl: config.databaseUrl,
    kafkaBrokers: config.kafkaBrokers,
    topic: config.ledgerEventsTopic,
    topicPartitions: config.topicPartitions,
    groupId: config.projectorGroup,
    batchSize: config.batchSize,
    caughtUpWithinSeconds: config.caughtUpWithinSeconds,
    logger,
  };
}
