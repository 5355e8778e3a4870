/**
 * One scenario of the ingest benchmark and how it is measured: an untimed preparation
 * (names, partnerships, payloads built in memory), then the timed part, repeated. The
 * clock starts at the first call, notes the last commit, and stops once the outbox
 * relay has stored the position of the last event, i.e. everything is on Kafka.
 */
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { perSecond, spreadOf, type RunMeasurement, type Spread, type ThroughputFigure } from './figures';
import { latencyOf, untilAllPublished } from './measure';

/** The timed part of one run: resolves with the number of events it committed, and per-call latencies if it measures them. */
export type TimedRun = () => Promise<{ events: number; latenciesMs?: number[]; cpuMicrosecondsPerEvent?: number }>;

export interface Scenario {
  key: string;
  label: string;
  batchSize: number;
  concurrency: number;
  eventsPerRun: number;
  /** True when the events land in `ledger.events`, so the relay publishes them and the clock waits for it. */
  publishes: boolean;
  prepare(run: number): Promise<TimedRun>;
  /** Untimed clean-up after the last run. */
  finish?(): Promise<void>;
}

export interface ScenarioProgress {
  (message: string): void;
}

export async function measureScenario(scenario: Scenario, repetitions: number, pool: Pool, say: ScenarioProgress): Promise<ThroughputFigure> {
  const runs: RunMeasurement[] = [];
  try {
    for (let run = 1; run <= repetitions; run += 1) {
      const timed = await scenario.prepare(run);
      if (scenario.publishes) await untilAllPublished(pool);
      runs.push(await measureRun(timed, scenario.publishes, pool));
      say(describeRun(scenario, run, runs[runs.length - 1]!));
    }
  } finally {
    await scenario.finish?.();
  }
  return figureOf(scenario, runs);
}

async function measureRun(timed: TimedRun, publishes: boolean, pool: Pool): Promise<RunMeasurement> {
  const started = performance.now();
  const { events, latenciesMs, cpuMicrosecondsPerEvent } = await timed();
  const committedMs = performance.now() - started;
  if (!publishes) return { events, committedMs, publishedMs: null, latenciesMs, cpuMicrosecondsPerEvent };
  await untilAllPublished(pool);
  return { events, committedMs, publishedMs: performance.now() - started, latenciesMs, cpuMicrosecondsPerEvent };
}

function figureOf(scenario: Scenario, runs: RunMeasurement[]): ThroughputFigure {
  const latencies = runs.flatMap((run) => run.latenciesMs ?? []);
  return {
    key: scenario.key,
    label: scenario.label,
    batchSize: scenario.batchSize,
    concurrency: scenario.concurrency,
    eventsPerRun: scenario.eventsPerRun,
    runs: runs.length,
    committedPerSecond: spreadOf(runs.map((run) => perSecond(run.events, run.committedMs))),
    publishedPerSecond: scenario.publishes ? spreadOf(runs.map((run) => perSecond(run.events, run.publishedMs ?? 0))) : null,
    latencyMs: latencies.length > 0 ? latencyOf(latencies) : null,
    cpuMicrosecondsPerEvent: cpuSpreadOf(runs),
  };
}

function cpuSpreadOf(runs: RunMeasurement[]): Spread | null {
  const measured = runs.flatMap((run) => (run.cpuMicrosecondsPerEvent === undefined ? [] : [run.cpuMicrosecondsPerEvent]));
  return measured.length > 0 ? spreadOf(measured) : null;
}

function describeRun(scenario: Scenario, run: number, measured: RunMeasurement): string {
  const committed = Math.round(perSecond(measured.events, measured.committedMs));
  const published = measured.publishedMs === null ? '' : `, published ${Math.round(perSecond(measured.events, measured.publishedMs))}/s`;
  const cpu = measured.cpuMicrosecondsPerEvent === undefined ? '' : `, ${measured.cpuMicrosecondsPerEvent.toFixed(1)} us CPU per event in this process`;
  return `  ${scenario.label} run ${run}: ${measured.events} events, committed ${committed}/s${published}${cpu}`;
}
