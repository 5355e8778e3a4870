/**
 * The measuring instruments of the ingest benchmark: a clock that stops only when the
 * relay has published the last event, latency percentiles, a runner that keeps a fixed
 * number of callers busy, and a sampler of the services' memory (VmHWM/VmRSS in
 * /proc/<pid>/status, the kernel's own high-water mark).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of durations in milliseconds. */
export function latencyOf(durationsMs: number[]): Latency {
  const sorted = [...durationsMs].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(quantile * sorted.length) - 1))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
}

/** Runs `work(index)` for every index in 0..count-1, with `concurrency` callers, each starting the next index when it finishes one. */
export async function runWithConcurrency(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const caller = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await work(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, caller));
}

/** Caller k makes calls k, k + C, k + 2C, ... one after another; with streams chosen by `index % streams`, no two callers share a stream. */
export async function inCallerLanes(calls: number, concurrency: number, call: (index: number) => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: concurrency }, async (_, lane) => {
      for (let index = lane; index < calls; index += concurrency) await call(index);
    }),
  );
}

export function elapsedMs(since: number): number {
  return performance.now() - since;
}

const RELAY_POLL_MS = 5;
const RELAY_TIMEOUT_MS = 600_000;

/**
 * Resolves once the outbox relay has published every committed event. The relay's cursor
 * is the position of the last event it published in commit order (transaction id, then
 * position), which need not be the highest position: transactions commit out of position
 * order. So the question asked is the relay's own: is any committed event after the
 * cursor in that order?
 */
export async function untilAllPublished(pool: Pool): Promise<void> {
  const deadline = Date.now() + RELAY_TIMEOUT_MS;
  for (;;) {
    const rows = await pool.query<{ unpublished: boolean }>(
      `WITH relay AS (SELECT position FROM ledger.relay_positions WHERE relay_name = 'ledger-events'),
            cursor AS (
              SELECT coalesce((SELECT e.transaction_id FROM ledger.events e JOIN relay ON e.global_position = relay.position), '0'::xid8) AS transaction_id,
                     coalesce((SELECT position FROM relay), 0) AS position)
       SELECT EXISTS (
         SELECT 1 FROM ledger.events e, cursor WHERE (e.transaction_id, e.global_position) > (cursor.transaction_id, cursor.position)
       ) AS unpublished`,
    );
    if (!rows.rows[0]!.unpublished) return;
    if (Date.now() > deadline) throw new Error(`The outbox relay did not publish every committed event within ${RELAY_TIMEOUT_MS} ms.`);
    await sleep(RELAY_POLL_MS);
  }
}

export interface MemoryPeak {
  /** The kernel's high-water mark of the resident set (VmHWM), in MB. */
  peakRssMb: number;
  /** The resident set at the last sample, in MB. */
  lastRssMb: number;
  /**
   * CPU (user + system) the process used from its start to the last sample, in seconds:
   * what a setting costs, even on a machine whose speed wanders from run to run.
   */
  cpuSeconds?: number;
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;

/** Watches the memory of named child processes of this process (found by their command line) while the benchmark runs. */
export class MemorySampler {
  private readonly peaks = new Map<string, MemoryPeak>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly commandLineMarks: Record<string, string>) {}

  start(intervalMs = 250): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): Record<string, MemoryPeak> {
    if (this.timer) clearInterval(this.timer);
    this.sample();
    return Object.fromEntries(this.peaks);
  }

  private sample(): void {
    for (const { pid, statFields } of childProcesses()) {
      const commandLine = readProc(pid, 'cmdline')?.replace(/\0/g, ' ') ?? '';
      const name = Object.entries(this.commandLineMarks).find(([, mark]) => commandLine.includes(mark))?.[0];
      const status = name ? readProc(pid, 'status') : null;
      if (!name || !status) continue;
      const peakRssMb = kilobytesOf(status, 'VmHWM') / 1024;
      const lastRssMb = kilobytesOf(status, 'VmRSS') / 1024;
      const known = this.peaks.get(name);
      this.peaks.set(name, { peakRssMb: Math.max(peakRssMb, known?.peakRssMb ?? 0), lastRssMb, cpuSeconds: cpuSecondsOf(statFields) });
    }
  }
}

/** The fields of /proc/<pid>/stat after the parenthesised command name (which may hold spaces): state first. */
type StatFields = string[];

/** This process's children, each with its stat fields (read once: they give the parent and the CPU alike). */
function childProcesses(): { pid: number; statFields: StatFields }[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .flatMap((pid) => {
      const stat = readProc(pid, 'stat');
      if (stat === null) return [];
      const statFields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // The parent pid is the 2nd of them.
      return Number(statFields[1]) === process.pid ? [{ pid, statFields }] : [];
    });
}

/** utime + stime: the 14th and 15th fields of /proc/<pid>/stat, the 12th and 13th after the command name. */
function cpuSecondsOf(statFields: StatFields): number {
  return (Number(statFields[11]) + Number(statFields[12])) / CLOCK_TICKS_PER_SECOND;
}

function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

function kilobytesOf(status: string, field: string): number {
  return Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
}
