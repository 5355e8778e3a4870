/**
 * The ledger's speed, in one run: how fast it takes in events, durably committed in
 * Postgres (hash chain included) and published on Kafka by the outbox relay, beside
 * Emmett's PostgreSQL event store and the machine's ceiling (a bare table, a bare
 * kafkajs producer); the end-to-end latency from an accepted submission to the
 * reporting view at fixed rates, and the highest rate it sustains; the rebuild rate of
 * each projection and the verification rate over a million-event history; and every
 * service's peak memory. A benchmark, not a test: it prints and writes what it measured.
 *
 *   npm run bench                      (tests/benchmarks/run.sh: builds, starts a throw-away broker, runs this)
 *   npm run bench -- --smoke           (tiny sizes, seconds)
 *   node dist/tests/benchmarks/ingest.bench.js [--smoke] [--repetitions N] [--events N] [--history-events N] [--out FILE] [--only PREFIX,...]
 *
 * Run directly, it needs what `npm test` provides: KAFKA_BROKERS and KAFKA_SASL_* (the
 * broker's admin), the service principals' passwords, TEST_DATABASE_ADMIN_URL.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { PartnershipRepository, SubmissionExecutor, type Actor } from '@ledger/application';
import { publisherWriteAccess } from '@ledger/auth';
import { createEventStoreDataSource, EventStore } from '@ledger/event-store';
import { createTestPool } from '@ledger/testing';
import type { Pool } from 'pg';
import { LedgerStack, TEST_PUBLISHER } from '../support/ledger-stack';
import { deployedNodeOptions, REPO_ROOT, serviceNodeOptions } from '../support/service-process';
import type { ThroughputFigure } from './ingest/figures';
import { kafkaIngestScenario, type KafkaIngestUnderTest } from './ingest/kafka-ingest-scenarios';
import { httpBatchScenario, httpSingleScenario, libraryAppendScenario, libraryExecutorScenario } from './ingest/ledger-scenarios';
import { MemorySampler, type MemoryPeak } from './ingest/measure';
import { bareKafkaScenario, bareTableScenario, emmettScenario } from './ingest/peer-scenarios';
import { relayCatchUpScenario, type RelayUnderTest } from './ingest/relay-scenarios';
import { printReport, ratiosOf, targetChecks, writeReport, type IngestReport } from './ingest/report';
import { measureScenario, type Scenario } from './ingest/scenario';
import { parseSettings, runsSection, USAGE, type IngestSettings } from './ingest/settings';
import { measureHistory, type HistoryFigures } from './history/rebuild-and-verify';
import { measureEndToEndLatency, type EndToEndResult } from './pipeline/end-to-end-latency';

/** LedgerStack's topics have this many partitions. */
const TOPIC_PARTITIONS = 3;
/** The services the benchmark starts and samples. */
const SERVICES = ['ledger', 'outbox-relay', 'ownership-projector', 'reporting-projector'];
const PUBLISHER: Actor = { accountId: TEST_PUBLISHER, roles: ['publisher'], partnershipScope: null, teamScope: null };

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    say(USAGE);
    return;
  }
  let settings: IngestSettings;
  try {
    settings = parseSettings(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg();
  const memory = new MemorySampler(
    Object.fromEntries(SERVICES.map((app) => [app, join('dist', 'apps', app, 'src', 'main.js')])),
  );
  say('Starting the ledger and the outbox relay on a fresh database...');
  const stack = await LedgerStack.start('bench');
  const pool = createTestPool(stack.database.url, settings.batchConcurrency + 2);
  const dataSource = createEventStoreDataSource({ url: stack.database.url, poolSize: settings.batchConcurrency + 2, applicationName: 'ingest-bench' });
  memory.start();
  try {
    await dataSource.initialize();
    const eventStore = new EventStore(dataSource);
    const ledger: KafkaIngestUnderTest & RelayUnderTest = {
      ingestTopic: stack.topics.publisherIngest,
      eventStore,
      dataSource,
      executor: new SubmissionExecutor(eventStore, new PartnershipRepository(eventStore), publisherWriteAccess),
      actor: PUBLISHER,
      ledgerUrl: stack.ledger.url,
      publisherKey: stack.keys.publisher,
    };
    const figures: ThroughputFigure[] = [];
    for (const scenario of scenariosOf(ledger, stack.database.url, pool, settings)) {
      say(`${scenario.label}: ${settings.repetitions} x ${scenario.eventsPerRun} events`);
      figures.push(await measureScenario(scenario, settings.repetitions, pool, say));
    }
    const endToEnd = runsSection(settings, 'e2e') ? await endToEndOnFreshStack(settings) : null;
    const history = runsSection(settings, 'history') ? await measureHistory(settings.historyEvents, say) : null;
    const peaks = { ...memory.stop(), ...processPeaksOf(history) };
    const ratios = ratiosOf(figures, settings.batchSizes);
    const report: IngestReport = {
      benchmark: 'ingest',
      startedAt,
      finishedAt: new Date().toISOString(),
      smoke: settings.smoke,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryMb: Math.round(totalmem() / 2 ** 20), loadAverageAtStart, loadAverageAtEnd: loadavg() },
      versions: await versionsOf(pool),
      settings: await settingsOf(pool, settings),
      figures,
      ratios,
      endToEnd,
      history,
      memory: peaks,
      targets: targetChecks(figures, ratios, peaks, endToEnd, history),
    };
    printReport(report, say);
    const file = settings.outFile ?? join(REPO_ROOT, 'tests', 'benchmarks', 'results', `${startedAt.replace(/[:.]/g, '-')}.json`);
    writeReport(report, file);
    say(`\nFigures written to ${file}`);
  } finally {
    memory.stop();
    await pool.end();
    if (dataSource.isInitialized) await dataSource.destroy();
    await stack.stop();
  }
}

/**
 * Latency on a stack of its own, with both projectors beside the ledger and the relay,
 * so the history the throughput scenarios left on the topic is not in the way.
 */
async function endToEndOnFreshStack(settings: IngestSettings): Promise<EndToEndResult> {
  say('End-to-end latency: starting a fresh ledger, relay and both projectors...');
  const stack = await LedgerStack.start('bench-e2e');
  const pool = createTestPool(stack.database.url, 2);
  try {
    await stack.startProjector('reporting-projector');
    await stack.startProjector('ownership-projector');
    return await measureEndToEndLatency(
      { ledgerUrl: stack.ledger.url, publisherKey: stack.keys.publisher, pool },
      { ...settings.latency, partnerships: settings.partnerships },
      say,
    );
  } finally {
    await pool.end();
    await stack.stop();
  }
}

/** The one-shot commands of the history section, as services of their own in the memory table. */
function processPeaksOf(history: HistoryFigures | null): Record<string, MemoryPeak> {
  if (!history) return {};
  return Object.fromEntries(
    [...history.rebuilds, history.verification].map((figure) => [`${figure.label} (command)`, { peakRssMb: figure.peakRssMb, lastRssMb: figure.peakRssMb, cpuSeconds: figure.cpuSeconds }]),
  );
}

/** Same batch size side by side (ours, the peer, the ceiling), then the service over HTTP, then over its Kafka ingest topic. */
function scenariosOf(ledger: KafkaIngestUnderTest & RelayUnderTest, databaseUrl: string, pool: Pool, settings: IngestSettings): Scenario[] {
  const sideBySide = settings.batchSizes.flatMap((size) => [
    libraryAppendScenario(ledger, settings, size),
    emmettScenario(databaseUrl, settings, size),
    bareTableScenario(pool, settings, size, 'insert'),
    bareTableScenario(pool, settings, size, 'copy'),
    bareKafkaScenario(settings, size, TOPIC_PARTITIONS),
  ]);
  const writePath = settings.batchSizes.flatMap((size) => [libraryExecutorScenario(ledger, settings, size), httpBatchScenario(ledger, settings, size)]);
  const single = settings.singleConcurrencies.map((concurrency) => httpSingleScenario(ledger, settings, concurrency));
  const relay = relayCatchUpScenario(ledger, settings, pool, TOPIC_PARTITIONS);
  const kafka = [0, settings.kafkaHistoryPerPartnership].map((history) => kafkaIngestScenario(ledger, settings, pool, history));
  const all = [...sideBySide, relay, ...writePath, ...single, ...kafka];
  return settings.only ? all.filter((scenario) => settings.only!.some((prefix) => scenario.key.startsWith(prefix))) : all;
}

async function versionsOf(pool: Pool): Promise<Record<string, string>> {
  const postgres = (await pool.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  return {
    node: process.versions.node,
    postgres,
    kafka: process.env.KAFKA_VERSION ?? '3.9.1',
    kafkajs: packageVersion('kafkajs'),
    pg: packageVersion('pg'),
    '@event-driven-io/emmett-postgresql': packageVersion('@event-driven-io/emmett-postgresql'),
  };
}

async function settingsOf(pool: Pool, settings: IngestSettings): Promise<Record<string, string | number | boolean>> {
  const show = async (name: string) => (await pool.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name]!;
  return {
    repetitions: settings.repetitions,
    batchedEventsPerRun: settings.batchedEventsPerRun,
    batchCallers: settings.batchConcurrency,
    partnerships: settings.partnerships,
    kafkaMessagesPerRun: settings.kafkaMessagesPerRun,
    kafkaHistoryPerPartnership: settings.kafkaHistoryPerPartnership,
    singleRequestsPerRun: settings.singleConcurrencies.map((concurrency) => `c${concurrency}:${settings.singleRequestsPerRun(concurrency)}`).join(' '),
    latencySecondsPerRate: settings.latency.secondsPerRate,
    historyEvents: settings.historyEvents,
    topicPartitions: TOPIC_PARTITIONS,
    relayBatchSize: process.env.RELAY_BATCH_SIZE ?? 'default',
    ledgerDatabasePoolSize: process.env.DATABASE_POOL_SIZE ?? 'default',
    logLevel: process.env.LOG_LEVEL ?? 'info',
    deployedNodeOptions: deployedNodeOptionsSetting(),
    serviceNodeOptions: serviceNodeOptions().join(' ') || 'none',
    postgresSynchronousCommit: await show('synchronous_commit'),
    postgresSharedBuffers: await show('shared_buffers'),
    postgresMaxWalSize: await show('max_wal_size'),
  };
}

/** e.g. `outbox-relay: --max-semi-space-size=4`: what deploy/service-node-options.json starts the services with. */
function deployedNodeOptionsSetting(): string {
  const withOptions = SERVICES.filter((app) => deployedNodeOptions(app).length > 0);
  return withOptions.map((app) => `${app}: ${deployedNodeOptions(app).join(' ')}`).join('; ') || 'none';
}

function packageVersion(name: string): string {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

main().catch((error: unknown) => {
  process.stderr.write(`ingest benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
