/**
 * What a measured step cost besides its wall time, because on a shared 2-core machine
 * the wall time mostly says how busy the neighbours were: the CPU seconds of this
 * process and of the PostgreSQL backends serving the benchmark's database (read from
 * /proc, sampled while the step runs, since backends come and go), the machine's load
 * average, and the peak resident memory of this process and of any child processes
 * named (the services of an end-to-end run).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Client } from 'pg';

export interface ResourceUse {
  readonly wallSeconds: number;
  /** CPU seconds of this process (all its threads). */
  readonly processCpuSeconds: number;
  /** CPU seconds of the database's backends. */
  readonly postgresCpuSeconds: number;
  /** The 1-minute load average at the start and at the end. */
  readonly loadAverage: readonly [number, number];
  /** Peak resident set size of this process, MB. */
  readonly peakRssMb: number;
  /** Peak resident set size per watched child process, MB. */
  readonly childPeakRssMb: Readonly<Record<string, number>>;
}

const SAMPLE_INTERVAL_MS = 200;
const CLOCK_TICKS_PER_SECOND = 100;

export interface MeterOptions {
  /** The database whose backends are charged to the step. */
  readonly databaseUrl: string;
  /** Child processes to watch, by name. */
  readonly children?: Readonly<Record<string, number>>;
}

/** Runs `step` and measures it. */
export async function measure<T>(options: MeterOptions, step: () => Promise<T>): Promise<{ result: T; use: ResourceUse }> {
  const meter = await ResourceMeter.start(options);
  try {
    const result = await step();
    return { result, use: await meter.stop() };
  } catch (error) {
    await meter.stop().catch(() => undefined);
    throw error;
  }
}

class ResourceMeter {
  private readonly backendTicks = new Map<number, { first: number; last: number }>();
  private readonly childPeaks: Record<string, number> = {};
  private peakRss = process.memoryUsage().rss;
  private readonly timer: NodeJS.Timeout;
  private sampling: Promise<void> = Promise.resolve();

  private constructor(
    private readonly client: Client,
    private readonly databaseName: string,
    private readonly children: Readonly<Record<string, number>>,
    private readonly startedAt: number,
    private readonly cpuAtStart: NodeJS.CpuUsage,
    private readonly loadAtStart: number,
  ) {
    this.timer = setInterval(() => {
      this.sampling = this.sampling.then(() => this.sample()).catch(() => undefined);
    }, SAMPLE_INTERVAL_MS);
  }

  static async start(options: MeterOptions): Promise<ResourceMeter> {
    const client = new Client({ connectionString: options.databaseUrl, application_name: 'read-side-benchmark-meter' });
    await client.connect();
    const databaseName = new URL(options.databaseUrl).pathname.slice(1);
    const meter = new ResourceMeter(client, databaseName, options.children ?? {}, performance.now(), process.cpuUsage(), loadavg()[0]!);
    await meter.sample();
    return meter;
  }

  async stop(): Promise<ResourceUse> {
    clearInterval(this.timer);
    await this.sampling;
    await this.sample();
    const cpu = process.cpuUsage(this.cpuAtStart);
    await this.client.end();
    let backendTicks = 0;
    for (const { first, last } of this.backendTicks.values()) backendTicks += last - first;
    return {
      wallSeconds: (performance.now() - this.startedAt) / 1000,
      processCpuSeconds: (cpu.user + cpu.system) / 1e6,
      postgresCpuSeconds: backendTicks / CLOCK_TICKS_PER_SECOND,
      loadAverage: [this.loadAtStart, loadavg()[0]!],
      peakRssMb: Math.round(this.peakRss / 1e6),
      childPeakRssMb: { ...this.childPeaks },
    };
  }

  private async sample(): Promise<void> {
    this.peakRss = Math.max(this.peakRss, process.memoryUsage().rss);
    for (const [name, pid] of Object.entries(this.children)) {
      const rss = residentMb(pid);
      if (rss !== null) this.childPeaks[name] = Math.max(this.childPeaks[name] ?? 0, rss);
    }
    const { rows } = await this.client.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [this.databaseName],
    );
    for (const { pid } of rows) {
      const ticks = cpuTicks(pid);
      if (ticks === null) continue;
      const known = this.backendTicks.get(pid);
      // A backend first seen now may have worked before this sample: it is charged from here on.
      if (known) known.last = ticks;
      else this.backendTicks.set(pid, { first: ticks, last: ticks });
    }
  }
}

/** utime + stime of a process, in clock ticks; null once it is gone. */
function cpuTicks(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** VmRSS of a process in MB; null once it is gone. */
export function residentMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1000) : null;
  } catch {
    return null;
  }
}
