/**
 * `ledgerctl audit replay` (a range of history onto a Kafka topic, as the outbox relay
 * publishes it) and `ledgerctl audit replay-projection` (the history, from the database
 * or from a verified export, into a fresh copy of a projection, compared with the live
 * one row by row). Both read the ledger's database directly; the work is in
 * replay.action.ts, loaded only when one of them runs. A replay topic is named
 * `alignment.ledger.replays.<name>`: the audit's Kafka principal may write no other.
 */
import { AUDIT_REPLAY_TOPIC_PREFIX } from '@ledger/contracts';
import { Option, type Command } from 'commander';
import type { CliContext } from '../command-group';
import { databaseUrlOption, describeSources, verifierKeyOption, wholeNumber } from './audit-options';
import { withCliErrors } from './cli-errors';

export interface TopicReplayOptions {
  toTopic: string;
  fromPosition?: number;
  toPosition?: number;
  kafkaBrokers: string;
  databaseUrl: string;
  progress: boolean;
}

export interface ProjectionReplayOptions {
  projection: 'ownership' | 'reporting';
  intoSchema: string;
  export?: string;
  verifierKey?: string;
  compare?: boolean;
  databaseUrl: string;
  progress: boolean;
}

export function registerReplays(audit: Command, context: CliContext): void {
  const topic = audit
    .command('replay')
    .description('re-publish a range of history onto a Kafka topic, in the outbox relay\'s message format (key = stream id)')
    .requiredOption('--to-topic <topic>', `the topic to publish to (created when missing): ${AUDIT_REPLAY_TOPIC_PREFIX}<name>, the only topics the audit principal may write`)
    .option('--from-position <n>', 'position of the first event (inclusive)', wholeNumber('--from-position', 1))
    .option('--to-position <n>', 'position of the last event (inclusive)', wholeNumber('--to-position', 1))
    .addOption(new Option('--kafka-brokers <list>', 'Kafka brokers, comma separated').env('KAFKA_BROKERS').default('127.0.0.1:9092'))
    .addOption(databaseUrlOption())
    .option('--no-progress', 'no progress bar')
    .action(withCliErrors(async (options: TopicReplayOptions) => (await import('./replay.action')).runTopicReplay(options, context)));
  describeSources(topic, 'database');

  const projection = audit
    .command('replay-projection')
    .description('replay the history into a fresh copy of a projection (from the database, or from a verified export) and compare it with the live one')
    .addOption(new Option('--projection <name>', 'the projection to rebuild').choices(['ownership', 'reporting']).makeOptionMandatory())
    .requiredOption('--into-schema <name>', 'a new schema for the copy (lower-case letters, digits, underscores)')
    .option('--export <dir>', 'replay from this export bundle (verified first) instead of the database; it must start at the first event')
    .addOption(verifierKeyOption('an export is only checked against the key it carries'))
    .option('--compare', 'compare the copy with the live projection, row by row (exit code 1 if they differ)')
    .addOption(databaseUrlOption())
    .option('--no-progress', 'no progress bar')
    .action(withCliErrors(async (options: ProjectionReplayOptions) => (await import('./replay.action')).runProjectionReplay(options, context)));
  describeSources(projection, 'database');
}
