/**
 * The ledger's own ingest scenarios: appends through the library (the event store, and
 * the application's write path in this process), then the running service over HTTP,
 * in batches and as single submissions at several concurrencies. Every event lands in
 * `ledger.events`, so the outbox relay (a separate process) publishes it and the clock
 * waits for that.
 */
import type { Actor, SubmissionExecutor, SubmissionRequest } from '@ledger/application';
import { partnershipStreamId, type CommandSubmission } from '@ledger/contracts';
import type { PartnershipCommand } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { BenchHttpClient } from './http-client';
import { elapsedMs, inCallerLanes, runWithConcurrency } from './measure';
import type { Scenario } from './scenario';
import { laneStreamCount, type IngestSettings } from './settings';
import { Workload } from './workload';

export interface LedgerUnderTest {
  eventStore: EventStore;
  executor: SubmissionExecutor;
  actor: Actor;
  ledgerUrl: string;
  publisherKey: string;
}

let runCounter = 0;
/** A prefix no earlier run in the database used. */
export function freshRunName(kind: string): string {
  runCounter += 1;
  return `${kind}-${Date.now().toString(36)}-${runCounter}`;
}

/** `EventStore.append` with `batchSize` events per call, each caller on streams of its own (real expected versions). */
export function libraryAppendScenario(ledger: LedgerUnderTest, settings: IngestSettings, batchSize: number): Scenario {
  const concurrency = settings.batchConcurrency;
  const calls = Math.ceil(settings.batchedEventsPerRun / batchSize);
  return {
    key: `ledger.library.append.${batchSize}`,
    label: `ledger, EventStore.append, ${batchSize}/call`,
    batchSize,
    concurrency,
    eventsPerRun: calls * batchSize,
    publishes: true,
    prepare: async () => {
      const workload = new Workload(freshRunName('lib-append'), laneStreamCount(settings));
      const batches = Array.from({ length: calls }, (_, index) => ({
        streamId: partnershipStreamId(workload.partnershipId(index)),
        events: workload.observationEvents(batchSize, ledger.actor.accountId),
      }));
      const versions = new Map<string, number>();
      return async () => {
        await inCallerLanes(calls, concurrency, async (index) => {
          const { streamId, events } = batches[index]!;
          const appended = await ledger.eventStore.append({ streamId, expectedVersion: versions.get(streamId) ?? 0, events });
          versions.set(streamId, appended.streamVersion);
        });
        return { events: calls * batchSize };
      };
    },
  };
}

/** The application's write path in this process (decide + append), `batchSize` submissions per call. */
export function libraryExecutorScenario(ledger: LedgerUnderTest, settings: IngestSettings, batchSize: number): Scenario {
  const concurrency = settings.batchConcurrency;
  const calls = Math.ceil(settings.batchedEventsPerRun / batchSize);
  return {
    key: `ledger.library.executor.${batchSize}`,
    label: `ledger, SubmissionExecutor, ${batchSize}/call`,
    batchSize,
    concurrency,
    eventsPerRun: calls * batchSize,
    publishes: true,
    prepare: async () => {
      const workload = new Workload(freshRunName('lib-exec'), settings.partnerships);
      const setup = workload.partnershipIds.flatMap((id) => workload.setupSubmissions(id)).map(toRequest);
      expectAllRecorded(await ledger.executor.executeAll(setup, ledger.actor), 'setting up the partnerships');
      const batches = Array.from({ length: calls }, () => workload.observationSubmissions(batchSize).map(toRequest));
      return async () => {
        await runWithConcurrency(calls, concurrency, async (index) => {
          expectAllRecorded(await ledger.executor.executeAll(batches[index]!, ledger.actor), 'a batch');
        });
        return { events: calls * batchSize };
      };
    },
  };
}

/** `POST /commands/batch` with `batchSize` submissions per request. */
export function httpBatchScenario(ledger: LedgerUnderTest, settings: IngestSettings, batchSize: number): Scenario {
  const concurrency = settings.batchConcurrency;
  const calls = Math.ceil(settings.batchedEventsPerRun / batchSize);
  const client = new BenchHttpClient(ledger.ledgerUrl, ledger.publisherKey, concurrency);
  return {
    key: `ledger.http.batch.${batchSize}`,
    label: `ledger, POST /commands/batch, ${batchSize}/request`,
    batchSize,
    concurrency,
    eventsPerRun: calls * batchSize,
    publishes: true,
    prepare: async () => {
      const workload = await partnershipsOverHttp(client, freshRunName('http-batch'), settings.partnerships);
      const batches = Array.from({ length: calls }, () => workload.observationSubmissions(batchSize));
      return async () => {
        await runWithConcurrency(calls, concurrency, async (index) => {
          await postBatch(client, batches[index]!);
        });
        return { events: calls * batchSize };
      };
    },
    finish: async () => client.close(),
  };
}

/** `POST /commands`, one submission per request, `concurrency` callers each waiting for its answer before sending the next. */
export function httpSingleScenario(ledger: LedgerUnderTest, settings: IngestSettings, concurrency: number): Scenario {
  const requests = settings.singleRequestsPerRun(concurrency);
  const client = new BenchHttpClient(ledger.ledgerUrl, ledger.publisherKey, concurrency);
  return {
    key: `ledger.http.single.c${concurrency}`,
    label: `ledger, POST /commands, concurrency ${concurrency}`,
    batchSize: 1,
    concurrency,
    eventsPerRun: requests,
    publishes: true,
    prepare: async () => {
      const workload = await partnershipsOverHttp(client, freshRunName(`http-single-c${concurrency}`), settings.partnerships);
      const submissions = workload.observationSubmissions(requests);
      return async () => {
        const latenciesMs = new Array<number>(requests);
        await runWithConcurrency(requests, concurrency, async (index) => {
          const started = performance.now();
          const response = await client.post('/commands', submissions[index]);
          latenciesMs[index] = elapsedMs(started);
          if (response.status !== 201) throw new Error(`POST /commands answered ${response.status}: ${JSON.stringify(response.body)}`);
        });
        return { events: requests, latenciesMs };
      };
    },
    finish: async () => client.close(),
  };
}

export async function partnershipsOverHttp(client: BenchHttpClient, runName: string, partnerships: number): Promise<Workload> {
  const workload = new Workload(runName, partnerships);
  const setup = workload.partnershipIds.flatMap((id) => workload.setupSubmissions(id));
  for (let start = 0; start < setup.length; start += 1000) await postBatch(client, setup.slice(start, start + 1000));
  return workload;
}

export async function postBatch(client: BenchHttpClient, submissions: CommandSubmission[]): Promise<void> {
  const response = await client.post('/commands/batch', { submissions });
  const body = response.body as { rejected?: number; outcomes?: unknown[] } | null;
  if (response.status !== 200 || body?.rejected !== 0) {
    const firstRejection = body?.outcomes?.find((outcome) => !(outcome as { result?: unknown }).result);
    throw new Error(`POST /commands/batch answered ${response.status}, ${body?.rejected} rejected: ${JSON.stringify(firstRejection ?? body)}`);
  }
}

function toRequest(submission: CommandSubmission): SubmissionRequest {
  const { type, data, partnershipId, idempotencyKey, sourceSystem } = submission;
  return { partnershipId, idempotencyKey, sourceSystem, command: { type, data } as PartnershipCommand };
}

function expectAllRecorded(outcomes: readonly { ok: boolean; error?: unknown }[], what: string): void {
  const failed = outcomes.find((outcome) => !outcome.ok);
  if (failed) throw new Error(`The write path refused a submission while ${what}: ${String(failed.error)}`);
}
