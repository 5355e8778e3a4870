/**
 * What `ledgerctl audit replay` and `replay-projection` do, with progress bars; Ctrl-C
 * stops a topic replay between pages and says where to go on from.
 */
import {
  assertReplayTopic,
  compareWithLive,
  eventStoreGaps,
  historyPages,
  readExportPages,
  refuseGaps,
  replayIntoProjection,
  replayToTopic,
  resolveRange,
  verifyExportDirectory,
} from '@ledger/audit';
import { createKafka, ensureTopics, KafkaEventPublisher } from '@ledger/messaging';
import { describeComparison } from '@ledger/projections';
import { Client } from 'pg';
import { CliError } from '../../cli-error';
import type { CliContext } from '../command-group';
import { formatExportVerdict } from './format-verdicts';
import { withLedgerDatabase, type LedgerDatabase } from './ledger-database';
import { progressBar } from './progress-bar';
import type { ProjectionReplayOptions, TopicReplayOptions } from './replay.command';
import { checkedKey } from './trusted-key';

const REPLAY_TOPIC_PARTITIONS = 6;

export async function runTopicReplay(options: TopicReplayOptions, context: CliContext): Promise<void> {
  assertReplayTopic(options.toTopic, '--to-topic');
  context.print(await withLedgerDatabase(options.databaseUrl, (database) => replayOntoTopic(database, options)));
}

export async function runProjectionReplay(options: ProjectionReplayOptions, context: CliContext): Promise<void> {
  context.print(await withLedgerDatabase(options.databaseUrl, (database) => replayProjection(database, options, context)));
}

async function replayOntoTopic(database: LedgerDatabase, options: TopicReplayOptions): Promise<string> {
  const range = await resolveRange(database.log, options);
  const total = range.through ? await database.log.count({ after: range.after, through: range.through }) : 0;
  const kafka = createKafka({ brokers: options.kafkaBrokers.split(',').map((broker) => broker.trim()), clientId: 'ledgerctl-audit' });
  await ensureTopics(kafka, [{ topic: options.toTopic, numPartitions: REPLAY_TOPIC_PARTITIONS }]);
  const publisher = new KafkaEventPublisher({ kafka, topic: options.toTopic });
  await publisher.connect();
  const interruption = new AbortController();
  const interrupt = () => interruption.abort();
  process.once('SIGINT', interrupt);
  const bar = progressBar(options.progress, 'events');
  try {
    const outcome = await replayToTopic({ log: database.log, publisher, range, signal: interruption.signal, onProgress: (done) => bar.update(done, total) });
    const summary = `Published ${outcome.eventsPublished} events to ${options.toTopic}`;
    if (!outcome.interrupted) return `${summary}.`;
    throw new CliError(`${summary} before the interruption; go on with --from-position after ${outcome.lastPosition} (the next event in the log).`);
  } finally {
    bar.stop();
    process.off('SIGINT', interrupt);
    await publisher.disconnect();
  }
}

async function replayProjection(database: LedgerDatabase, options: ProjectionReplayOptions, context: CliContext): Promise<string> {
  const { projection } = options;
  if (options.export !== undefined) await assertVerifiedExport(options.export, options.verifierKey, context);
  const total = options.export === undefined ? await database.log.count() : 0;
  const client = new Client({ connectionString: database.url, application_name: 'ledgerctl-audit-replay' });
  await client.connect();
  const query = (sql: string, params: readonly unknown[]) => client.query(sql, params as unknown[]);
  const bar = progressBar(options.progress, 'events');
  try {
    const { eventsApplied } = await replayIntoProjection({
      databaseUrl: database.url,
      query,
      projection,
      intoSchema: options.intoSchema,
      pages: options.export === undefined ? historyPages(database.log) : readExportPages(options.export, 5_000),
      readGap: options.export === undefined ? eventStoreGaps(database.eventStore) : refuseGaps(`The export ${options.export}`),
      onProgress: (applied) => bar.update(applied, Math.max(total, applied)),
    });
    bar.stop();
    const replayed = `Replayed ${eventsApplied} events into ${options.intoSchema} (a fresh copy of the ${projection} projection).`;
    if (!options.compare) return replayed;
    const comparison = await compareWithLive(query, projection, options.intoSchema);
    if (comparison.equal) return `${replayed}\nIt equals the live projection, row by row (${comparison.tables.length} tables).`;
    context.print(`${replayed}\nIt differs from the live projection:\n${describeComparison(comparison)}`);
    throw new CliError(`The copy in ${options.intoSchema} differs from the live ${projection} projection (see above).`);
  } finally {
    bar.stop();
    await client.end();
  }
}

async function assertVerifiedExport(directory: string, verifierKey: string | undefined, context: CliContext): Promise<void> {
  const pinned = verifierKey === undefined ? undefined : checkedKey(verifierKey);
  const verdict = await verifyExportDirectory(directory, pinned);
  context.print(formatExportVerdict(directory, verdict, pinned !== undefined));
  if (verdict.status === 'broken') throw new CliError(`The export is not intact (${verdict.kind}); nothing was replayed.`);
}
