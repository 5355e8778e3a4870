/**
 * Long audit runs (verifications, replays) over HTTP: started by a POST that answers at
 * once with the job's id (202), watched with GET until they finish. Kept in memory, the
 * latest hundred: a job is a convenience for a person at a dashboard, not a record
 * (the verdict that counts is the one an auditor's own `ledgerctl audit verify` gives).
 */
import { randomUUID } from 'node:crypto';

export type JobState = 'running' | 'succeeded' | 'failed';

export interface JobView<Progress, Result> {
  id: string;
  kind: string;
  state: JobState;
  startedAt: string;
  finishedAt: string | null;
  progress: Progress | null;
  result: Result | null;
  /** For a failed job: what went wrong, as a problem's code and sentence. */
  error: { code: string; detail: string } | null;
}

export interface JobContext<Progress> {
  report(progress: Progress): void;
  /** Aborts when the service shuts down. */
  signal: AbortSignal;
}

const KEPT_JOBS = 100;

export class BackgroundJobs {
  private readonly jobs = new Map<string, JobView<unknown, unknown>>();
  private readonly running = new Set<Promise<void>>();
  private readonly shutdown = new AbortController();

  start<Progress, Result>(kind: string, run: (context: JobContext<Progress>) => Promise<Result>): JobView<Progress, Result> {
    const job: JobView<Progress, Result> = {
      id: randomUUID(),
      kind,
      state: 'running',
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: null,
      result: null,
      error: null,
    };
    this.remember(job as JobView<unknown, unknown>);
    const context = { report: (progress: Progress) => void (job.progress = progress), signal: this.shutdown.signal };
    const done = run(context).then(
      (result) => Object.assign(job, { state: 'succeeded', result, finishedAt: new Date().toISOString() }),
      (error: unknown) => Object.assign(job, { state: 'failed', error: describeFailure(error), finishedAt: new Date().toISOString() }),
    );
    const tracked = done.then(() => void this.running.delete(tracked));
    this.running.add(tracked);
    return { ...job };
  }

  get(id: string, kind: string): JobView<unknown, unknown> | null {
    const job = this.jobs.get(id);
    return job && job.kind === kind ? { ...job } : null;
  }

  /** Asks every running job to stop and waits for them. */
  async stopAll(): Promise<void> {
    this.shutdown.abort();
    await Promise.all(this.running);
  }

  private remember(job: JobView<unknown, unknown>): void {
    this.jobs.set(job.id, job);
    for (const id of this.jobs.keys()) {
      if (this.jobs.size <= KEPT_JOBS) break;
      if (this.jobs.get(id)!.state !== 'running') this.jobs.delete(id);
    }
  }
}

function describeFailure(error: unknown): { code: string; detail: string } {
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : 'internal';
  return { code, detail: error instanceof Error ? error.message : String(error) };
}
