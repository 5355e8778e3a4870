/**
 * End-to-end latency: from the ledger accepting a submission (its HTTP answer) to the
 * event being visible in the reporting view (the projector's transaction committed),
 * through the outbox relay and Kafka, at fixed offered rates.
 *
 * An open-loop sender offers `rate` events per second as a publishing system would:
 * every TICK_MS a batch of rate x TICK_MS / 1000 observations goes to POST
 * /commands/batch, whether or not earlier batches were answered (a slow pipeline then
 * shows as latency and backlog, not as a politely slower sender). A watcher polls the
 * reporting view every POLL_MS for the positions of accepted events, so a latency is
 * (first poll that saw the row) - (answer received), accurate to about POLL_MS.
 *
 * A rate counts as sustained when the sender kept up with it (at least 95% offered)
 * and the backlog did not grow: once sending stops, what is still invisible drains
 * within DRAIN_BOUND_MS. The highest sustained rate is the one to quote.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CommandResult } from '@ledger/contracts';
import type { Pool } from 'pg';
import { BenchHttpClient } from '../ingest/http-client';
import { latencyOf, type Latency } from '../ingest/measure';
import { Workload } from '../ingest/workload';

const TICK_MS = 10;
const POLL_MS = 5;
/** The sender gives up offering more once this many requests are unanswered: the ledger is then clearly saturated. */
const MAX_REQUESTS_IN_FLIGHT = 256;
/** A sustained rate leaves at most this long a backlog once sending stops. */
const DRAIN_BOUND_MS = 1_000;
const DRAIN_TIMEOUT_MS = 120_000;

export interface LatencySettings {
  /** Rates to quote p50/p95/p99 at, e.g. 500, 2000, 5000. */
  quotedRates: number[];
  /** Rates tried in increasing order to find the highest sustained one (the quoted ones among them). */
  searchRates: number[];
  secondsPerRate: number;
  partnerships: number;
}

export interface LatencyFigure {
  key: string;
  offeredPerSecond: number;
  /** What the sender managed to offer, per second. */
  sentPerSecond: number;
  events: number;
  /** Accepted to visible in the reporting view. */
  latencyMs: Latency;
  /** Accepted but not yet visible when sending stopped. */
  backlogAtEnd: number;
  /** From the end of sending until everything was visible. */
  drainMs: number;
  /** Requests that got no answer or an error (the ledger overwhelmed, say); any one means not sustained. */
  failedRequests: number;
  /** What the first failed request met. */
  firstFailure?: string;
  sustained: boolean;
}

export interface EndToEndResult {
  figures: LatencyFigure[];
  /** Highest rate tried that was sustained; null when none was. */
  highestSustainedPerSecond: number | null;
}

export interface PipelineUnderTest {
  ledgerUrl: string;
  publisherKey: string;
  /** A pool on the stack's database, to watch the reporting view. */
  pool: Pool;
}

export async function measureEndToEndLatency(pipeline: PipelineUnderTest, settings: LatencySettings, say: (line: string) => void): Promise<EndToEndResult> {
  const client = new BenchHttpClient(pipeline.ledgerUrl, pipeline.publisherKey, MAX_REQUESTS_IN_FLIGHT);
  const figures: LatencyFigure[] = [];
  let highestSustainedPerSecond: number | null = null;
  try {
    const rates = [...new Set([...settings.quotedRates, ...settings.searchRates])].sort((a, b) => a - b);
    for (const rate of rates) {
      const workload = new Workload(`e2e-${rate}-${Date.now().toString(36)}`, settings.partnerships);
      // Each rate starts on an empty backlog: the previous one drained before it ended.
      await setUpPartnerships(client, workload);
      const figure = await runAtRate(client, pipeline.pool, workload, rate, settings.secondsPerRate);
      figures.push(figure);
      say(
        `  offered ${rate}/s: sent ${Math.round(figure.sentPerSecond)}/s, p50 ${figure.latencyMs.p50.toFixed(0)} ms, p99 ${figure.latencyMs.p99.toFixed(0)} ms, ` +
          `backlog ${figure.backlogAtEnd} drained in ${figure.drainMs.toFixed(0)} ms` +
          `${figure.failedRequests > 0 ? `, ${figure.failedRequests} requests failed (first: ${figure.firstFailure})` : ''}: ${figure.sustained ? 'sustained' : 'NOT sustained'}`,
      );
      if (figure.sustained) highestSustainedPerSecond = rate;
      else if (rate > Math.max(...settings.quotedRates)) break;
    }
  } finally {
    client.close();
  }
  return { figures, highestSustainedPerSecond };
}

async function setUpPartnerships(client: BenchHttpClient, workload: Workload): Promise<void> {
  const setup = workload.partnershipIds.flatMap((id) => workload.setupSubmissions(id));
  for (let start = 0; start < setup.length; start += 1000) await postBatch(client, setup.slice(start, start + 1000));
}

async function runAtRate(client: BenchHttpClient, pool: Pool, workload: Workload, rate: number, seconds: number): Promise<LatencyFigure> {
  const watcher = new VisibilityWatcher(pool);
  watcher.start();
  try {
    return await offerAtRate(client, watcher, workload, rate, seconds);
  } finally {
    await watcher.stop();
  }
}

async function offerAtRate(client: BenchHttpClient, watcher: VisibilityWatcher, workload: Workload, rate: number, seconds: number): Promise<LatencyFigure> {
  const perTick = Math.max(1, Math.round((rate * TICK_MS) / 1000));
  const tickMs = (perTick * 1000) / rate;
  const ticks = Math.round((seconds * 1000) / tickMs);
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  let failedRequests = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  for (let tick = 0; tick < ticks; tick += 1) {
    const due = started + tick * tickMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    if (inFlight.size >= MAX_REQUESTS_IN_FLIGHT) continue;
    const batch = workload.observationSubmissions(perTick);
    sent += batch.length;
    const request = postBatch(client, batch).then(
      (results) => watcher.expect(results.flatMap((result) => result.events.map((event) => event.globalPosition)), performance.now()),
      (error: unknown) => {
        failedRequests += 1;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      },
    );
    inFlight.add(request);
    void request.finally(() => inFlight.delete(request));
  }
  const sendingMs = performance.now() - started;
  await Promise.all(inFlight);
  const sendingEnded = performance.now();
  const backlogAtEnd = watcher.pending;
  await watcher.drain(DRAIN_TIMEOUT_MS);
  const drainMs = performance.now() - sendingEnded;
  const sentPerSecond = (sent * 1000) / sendingMs;
  return {
    key: `e2e.latency.${rate}`,
    offeredPerSecond: rate,
    sentPerSecond,
    events: sent,
    latencyMs: latencyOf(watcher.latenciesMs),
    backlogAtEnd,
    drainMs,
    failedRequests,
    ...(firstFailure === undefined ? {} : { firstFailure }),
    sustained: failedRequests === 0 && sentPerSecond >= 0.95 * rate && drainMs <= DRAIN_BOUND_MS,
  };
}

/** Polls the reporting view for accepted events and notes when each became visible. */
class VisibilityWatcher {
  readonly latenciesMs: number[] = [];
  private readonly acceptedAt = new Map<number, number>();
  private running = false;
  private polling: Promise<void> = Promise.resolve();

  constructor(private readonly pool: Pool) {}

  get pending(): number {
    return this.acceptedAt.size;
  }

  expect(positions: number[], acceptedAt: number): void {
    for (const position of positions) this.acceptedAt.set(position, acceptedAt);
  }

  start(): void {
    this.running = true;
    this.polling = this.poll();
  }

  async drain(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.acceptedAt.size > 0) {
      if (performance.now() > deadline) throw new Error(`${this.acceptedAt.size} accepted events never became visible in the reporting view.`);
      await sleep(POLL_MS);
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.polling;
  }

  private async poll(): Promise<void> {
    while (this.running) {
      if (this.acceptedAt.size > 0) {
        const { rows } = await this.pool.query<{ last_position: string }>(
          'SELECT last_position FROM reporting.sla_observations WHERE last_position = ANY($1::bigint[])',
          [[...this.acceptedAt.keys()]],
        );
        const seenAt = performance.now();
        for (const row of rows) {
          const position = Number(row.last_position);
          const accepted = this.acceptedAt.get(position);
          if (accepted === undefined) continue;
          this.latenciesMs.push(Math.max(0, seenAt - accepted));
          this.acceptedAt.delete(position);
        }
      }
      await sleep(POLL_MS);
    }
  }
}

async function postBatch(client: BenchHttpClient, submissions: unknown[]): Promise<CommandResult[]> {
  const response = await client.post('/commands/batch', { submissions });
  const body = response.body as { rejected?: number; outcomes?: { result?: CommandResult }[] } | null;
  if (response.status !== 200 || body?.rejected !== 0 || !body.outcomes) {
    throw new Error(`POST /commands/batch answered ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  }
  return body.outcomes.map((outcome) => outcome.result!);
}
