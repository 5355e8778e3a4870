/**
 * The sizes of an ingest benchmark run: the full run (figures worth comparing, minutes)
 * or `--smoke` (tiny sizes, seconds: proves the command works end to end, nothing more).
 * `--repetitions N`, `--events N` and `--history-events N` override the defaults; `--out
 * FILE` names the JSON; `--only PREFIX[,PREFIX]` runs only the scenarios whose key starts
 * so (e.g. `ledger.http`, `e2e`, `history`).
 */
export interface IngestSettings {
  smoke: boolean;
  /** Timed runs per scenario; figures are the median with the spread. */
  repetitions: number;
  /** Events per timed run of each batched scenario. */
  batchedEventsPerRun: number;
  batchSizes: number[];
  /** Concurrent callers in the batched scenarios (each with streams of its own where streams matter). */
  batchConcurrency: number;
  /** Partnerships (streams) a run spreads its events over. */
  partnerships: number;
  singleConcurrencies: number[];
  singleRequestsPerRun(concurrency: number): number;
  /** Submissions produced to the Kafka ingest topic per timed run. */
  kafkaMessagesPerRun: number;
  /** Observations each partnership already holds in the Kafka scenario over a long history. */
  kafkaHistoryPerPartnership: number;
  /** End-to-end latency: the rates quoted, the rates tried for the highest sustained one, seconds at each. */
  latency: { quotedRates: number[]; searchRates: number[]; secondsPerRate: number };
  /** Events in the history that rebuilds and verification run over. */
  historyEvents: number;
  /** Where the JSON goes; default tests/benchmarks/results/<timestamp>.json. */
  outFile: string | null;
  /** Key prefixes of the scenarios to run; null: all. */
  only: string[] | null;
}

const FULL = {
  repetitions: 3,
  batchedEventsPerRun: 100_000,
  partnerships: 64,
  latency: { quotedRates: [500, 2000, 5000], searchRates: [500, 1000, 2000, 3000, 5000, 7500, 10_000, 15_000], secondsPerRate: 10 },
  historyEvents: 1_000_000,
  kafkaMessagesPerRun: 10_000,
  kafkaHistoryPerPartnership: 5_000,
};
const SMOKE = {
  repetitions: 1,
  batchedEventsPerRun: 200,
  partnerships: 4,
  latency: { quotedRates: [200], searchRates: [200], secondsPerRate: 1 },
  historyEvents: 3_000,
  kafkaMessagesPerRun: 100,
  kafkaHistoryPerPartnership: 50,
};

export const USAGE =
  'usage: node dist/tests/benchmarks/ingest.bench.js [--smoke] [--repetitions N] [--events N] [--history-events N] [--out FILE] [--only PREFIX,...]';

const FLAGS = new Set(['--smoke']);
const OPTIONS = new Set(['--repetitions', '--events', '--history-events', '--out', '--only']);

/** Refuses what it does not know, so a mistyped option never runs the full benchmark with the defaults. */
function assertKnownArguments(argv: string[]): void {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (FLAGS.has(argument)) continue;
    if (OPTIONS.has(argument) && index + 1 < argv.length) {
      index += 1;
      continue;
    }
    const problem = OPTIONS.has(argument) ? `${argument} needs a value` : `unknown argument "${argument}"`;
    throw new Error(`${problem}\n${USAGE}`);
  }
}

export function parseSettings(argv: string[]): IngestSettings {
  assertKnownArguments(argv);
  const smoke = argv.includes('--smoke');
  const defaults = smoke ? SMOKE : FULL;
  const batchedEventsPerRun = numberOption(argv, '--events') ?? defaults.batchedEventsPerRun;
  return {
    smoke,
    repetitions: numberOption(argv, '--repetitions') ?? defaults.repetitions,
    batchedEventsPerRun,
    batchSizes: [100, 1000].map((size) => Math.min(size, batchedEventsPerRun)),
    batchConcurrency: 4,
    partnerships: defaults.partnerships,
    singleConcurrencies: [1, 16, 64],
    singleRequestsPerRun: (concurrency) => (smoke ? concurrency * 2 : Math.min(20_000, Math.max(1_000, concurrency * 400))),
    kafkaMessagesPerRun: defaults.kafkaMessagesPerRun,
    kafkaHistoryPerPartnership: defaults.kafkaHistoryPerPartnership,
    latency: defaults.latency,
    historyEvents: numberOption(argv, '--history-events') ?? defaults.historyEvents,
    outFile: stringOption(argv, '--out'),
    only: stringOption(argv, '--only')?.split(',') ?? null,
  };
}

/** True when `--only` leaves a section whose keys start with `prefix` in. */
export function runsSection(settings: IngestSettings, prefix: string): boolean {
  return settings.only === null || settings.only.some((only) => only.startsWith(prefix) || prefix.startsWith(only));
}

/** Streams for scenarios whose callers each keep streams of their own: a multiple of the callers. */
export function laneStreamCount(settings: IngestSettings): number {
  const lanes = settings.batchConcurrency;
  return Math.max(lanes, Math.ceil(settings.partnerships / lanes) * lanes);
}

function stringOption(argv: string[], name: string): string | null {
  const index = argv.indexOf(name);
  return index >= 0 && index + 1 < argv.length ? argv[index + 1]! : null;
}

function numberOption(argv: string[], name: string): number | null {
  const value = stringOption(argv, name);
  if (value === null) return null;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} needs a whole number >= 1, not "${value}".`);
  return parsed;
}
