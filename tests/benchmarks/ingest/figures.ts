/**
 * The shapes of what the ingest benchmark measures, and how repeated runs of one
 * scenario become one figure: the median with the lowest and highest run beside it, so
 * a reader sees how much a shared machine moved the numbers.
 */
import type { Latency } from './measure';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** One timed run of a scenario. */
export interface RunMeasurement {
  events: number;
  /** From the first call to the last commit. */
  committedMs: number;
  /** From the first call to the relay storing the position of the last event (null: the scenario publishes nothing). */
  publishedMs: number | null;
  /** Per call, for scenarios that time each call. */
  latenciesMs?: number[];
  /** CPU (user + system) of the benchmark's own process per event, for scenarios whose work runs in it. */
  cpuMicrosecondsPerEvent?: number;
}

export interface ThroughputFigure {
  /** Stable key for comparisons across runs, e.g. `ledger.library.append`. */
  key: string;
  label: string;
  /** Events per call (1 for single submissions). */
  batchSize: number;
  concurrency: number;
  eventsPerRun: number;
  runs: number;
  committedPerSecond: Spread;
  /** Committed and published on Kafka; null for what does not publish (Emmett, the bare table). */
  publishedPerSecond: Spread | null;
  latencyMs: Latency | null;
  /** Of the benchmark's own process, where the scenario's work runs in it (the relay alone); null elsewhere. */
  cpuMicrosecondsPerEvent: Spread | null;
}

export function spreadOf(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

export function perSecond(events: number, ms: number): number {
  return ms > 0 ? (events * 1000) / ms : 0;
}
