/**
 * The ledger's promise under faults, concurrency and hostile input, on the real stack
 * (the built services as processes, a Kafka broker of this file's own, the machine's
 * PostgreSQL behind a proxy this file can cut): an acknowledged submission is never
 * lost, never applied twice, and bad input changes nothing.
 *
 * A sustained load (HTTP single and batched, Kafka ingest, retries with the same
 * idempotency keys) runs while, one after another: the relay and each projector are
 * SIGKILLed mid-batch, the broker is stopped and started, the database goes away and
 * comes back, and the ledger is SIGKILLed with appends committed but not yet answered.
 * Then: every acknowledged submission is in the event store exactly once and on Kafka
 * at least once, every view equals a rebuild from scratch, the hash chains verify, and
 * every service is ready again without a manual step. Concurrent conflicting commands
 * and property-based hostile input follow, each leaving no trace.
 *
 * RELIABILITY_PROFILE=long (`npm run test:reliability`) runs it longer, with every
 * fault three times and many more hostile inputs. The figures are printed and written
 * to .local/reliability/<time>.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandSubmission } from '@ledger/contracts';
import { EventStore, createEventStoreDataSource } from '@ledger/event-store';
import { verifyStreamChains } from '@ledger/integrity';
import { createTestKafka, createTestPool, testKafkaPrincipal } from '@ledger/testing';
import type { Producer } from 'kafkajs';
import type { Pool } from 'pg';
import { eventually, whileProgressing } from '../support/eventually';
import { OwnKafkaBroker } from '../support/kafka-broker';
import { LedgerStack, PROJECTOR_APPS, TEST_PUBLISHER } from '../support/ledger-stack';
import { REPO_ROOT } from '../support/service-process';
import { TcpProxy } from '../support/tcp-proxy';
import { SLA_ID, slaReadyPartnership } from '../support/sla-partnership';
import { compareWithRebuild, divergentRows } from '../support/view-rebuild';
import { FaultInjector, type FaultKind } from './faults';
import { hostileMessage, hostileRequest, samples } from './hostile-inputs';
import { SubmissionLoad } from './submission-load';

const LONG = process.env.RELIABILITY_PROFILE === 'long';
const PROFILE = LONG
  ? { partnerships: 32, httpSubmitters: 10, kafkaSubmitters: 3, kafkaMessagesPerSecond: 20, batchSize: 20, outageMs: 8_000, rounds: 3, hostileRequests: 3_000, hostileMessages: 500, conflictRounds: 100 }
  : { partnerships: 8, httpSubmitters: 4, kafkaSubmitters: 1, kafkaMessagesPerSecond: 100, batchSize: 5, outageMs: 3_000, rounds: 1, hostileRequests: 150, hostileMessages: 40, conflictRounds: 10 };
const FAULTS: FaultKind[] = [
  'relay killed',
  'broker stopped',
  'reporting projector killed',
  'ownership projector killed',
  'database restarted',
  'ledger killed between commit and acknowledgement',
];
const SEED = Number(process.env.RELIABILITY_SEED ?? 20261202);

jest.setTimeout(LONG ? 3_600_000 : 600_000);

describe('reliability: faults, concurrency and hostile input, with nothing lost or doubled', () => {
  const runName = `rel-${Date.now().toString(36)}`;
  const partnershipIds = Array.from({ length: PROFILE.partnerships }, (_, index) => `${runName}-p${index}`);
  const figures: Record<string, unknown> = { profile: LONG ? 'long' : 'fast', seed: SEED };
  let broker: OwnKafkaBroker;
  let proxy: TcpProxy;
  let stack: LedgerStack;
  let pool: Pool;
  let producer: Producer;

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.ledger.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.keys.publisher}`, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const count = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]!.n);

  beforeAll(async () => {
    broker = await OwnKafkaBroker.start({ instance: 'reliability', port: 19592, controllerPort: 19593, extraPrincipals: [TEST_PUBLISHER] });
    Object.assign(process.env, await broker.environment());
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: 5432 });
    stack = await LedgerStack.start('reliability', {
      serviceDatabaseUrl: (url) => url.replace('127.0.0.1:5432', `127.0.0.1:${proxy.port}`),
    });
    pool = createTestPool(stack.database.url, 4);
    for (const app of PROJECTOR_APPS) await stack.startProjector(app);
    producer = createTestKafka(undefined, testKafkaPrincipal(TEST_PUBLISHER)).producer({ retry: { retries: 2 } });
    await producer.connect();
    const setup = partnershipIds.flatMap((partnershipId) => slaReadyPartnership(partnershipId, `Reliability ${partnershipId}`));
    const response = await post('/commands/batch', { submissions: setup });
    expect(await response.json()).toMatchObject({ rejected: 0 });
  }, 300_000);

  afterAll(async () => {
    writeServiceLogs();
    await producer?.disconnect().catch(() => undefined);
    await pool?.end();
    await stack?.stop().catch(() => undefined);
    await proxy?.stop();
    await broker?.stop();
    mkdirSync(join(REPO_ROOT, '.local', 'reliability'), { recursive: true });
    const file = join(REPO_ROOT, '.local', 'reliability', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(`\nReliability figures (${figures.profile} profile, written to ${file}):\n${JSON.stringify(figures, null, 2)}\n`);
  });

  it('loses and doubles nothing while the relay, the broker, the projectors, the database and the ledger fail under load', async () => {
    const load = new SubmissionLoad(runName, {
      ledgerUrl: () => stack.ledgerOrNull?.url ?? null,
      publisherKey: stack.keys.publisher,
      partnershipIds,
      slaId: SLA_ID,
      httpSubmitters: PROFILE.httpSubmitters,
      kafkaSubmitters: PROFILE.kafkaSubmitters,
      batchSize: PROFILE.batchSize,
      producer: () => producer,
      ingestTopic: stack.topics.publisherIngest,
      kafkaMessagesPerSecond: PROFILE.kafkaMessagesPerSecond,
      requestTimeoutMs: 15_000,
    });
    const faults = new FaultInjector({ stack, broker, databaseProxy: proxy, pool, load }, PROFILE.outageMs);
    load.start();
    try {
      for (let round = 0; round < PROFILE.rounds; round += 1) {
        for (const kind of FAULTS) await faults.inject(kind);
      }
    } finally {
      await load.stop();
    }
    const acknowledged = load.counters.acknowledged;

    // Everything acknowledged reaches the store (Kafka ingest is asynchronous) and both views.
    // A backlog of Kafka submissions may still be draining: waited for while it moves.
    await whileProgressing(async () => (await recordedObservations()).size, acknowledged.size, 'every acknowledged submission to be recorded');
    const recorded = await recordedObservations();
    const lost = [...acknowledged.keys()].filter((id) => !recorded.has(id));
    const duplicated = [...recorded].filter(([, times]) => times > 1).map(([id]) => id);
    const unacknowledged = [...recorded.keys()].filter((id) => !acknowledged.has(id));

    const published = await publishedEventIds();
    const storedEventIds = (await pool.query<{ event_id: string }>('SELECT event_id FROM ledger.events')).rows.map((row) => row.event_id);
    const unpublished = storedEventIds.filter((id) => !published.has(id));

    const ready = await Promise.all([stack.ledger, stack.relay!, ...PROJECTOR_APPS.map((app) => stack.projector(app))].map(async (service) => (await fetch(`${service.url}/health/ready`)).status));
    const views: Record<string, number> = {};
    for (const app of PROJECTOR_APPS) {
      await caughtUp(app);
      const { rebuild, comparison } = await compareWithRebuild(app, stack.database.url, pool);
      expect(rebuild).toMatchObject({ exitCode: 0, stderr: '' });
      views[app] = divergentRows(comparison!);
    }
    const chains = await verifyChains();

    Object.assign(figures, {
      submissionsAcknowledged: acknowledged.size,
      acknowledgedOverHttp: [...acknowledged.values()].filter((by) => by === 'http').length,
      acknowledgedOverKafka: [...acknowledged.values()].filter((by) => by === 'kafka').length,
      retriesAfterFailures: load.counters.retries,
      repeatedKeysAnswered: load.counters.replaysChecked,
      repeatedKeysAnsweredDifferently: load.counters.replayMismatches,
      faultsInjected: faults.records.length,
      faults: faults.records,
      lost: lost.length,
      duplicated: duplicated.length,
      recordedWithoutAcknowledgement: unacknowledged.length,
      eventsNotOnKafka: unpublished.length,
      divergentViewRows: views,
      hashChains: chains.status,
    });
    expect({ lost, duplicated, unpublished, firstReplayMismatch: load.counters.firstReplayMismatch }).toEqual({ lost: [], duplicated: [], unpublished: [], firstReplayMismatch: undefined });
    // Kafka ingest is acknowledged by the broker, HTTP by the ledger: nothing is recorded that nobody sent.
    expect(unacknowledged).toEqual([]);
    expect(views).toEqual({ 'ownership-projector': 0, 'reporting-projector': 0 });
    expect(chains).toMatchObject({ status: 'intact' });
    expect(ready.every((status) => status === 200)).toBe(true);
    for (const fault of faults.records.filter((record) => record.readinessDuringOutage !== undefined)) {
      expect({ fault: fault.kind, readiness: fault.readinessDuringOutage }).toEqual({ fault: fault.kind, readiness: 503 });
    }
  });

  it('lets exactly one of several concurrent writers win each expected version; the others get a clear conflict', async () => {
    const partnershipId = partnershipIds[0]!;
    let wins = 0;
    let conflicts = 0;
    for (let round = 0; round < PROFILE.conflictRounds; round += 1) {
      const version = await count(`SELECT version AS n FROM ledger.streams WHERE stream_id = 'partnership-${partnershipId}'`);
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, writer) =>
          post(
            `/partnerships/${partnershipId}/vocabulary`,
            { term: `term-${round}-${writer}`, definition: `Writer ${writer}'s definition in round ${round}.` },
            { 'if-match': `"${version}"` },
          ).then(async (response) => ({ status: response.status, body: (await response.json()) as { code?: string } })),
        ),
      );
      wins += answers.filter((answer) => answer.status === 201).length;
      conflicts += answers.filter((answer) => answer.status === 409 && answer.body.code === 'stream.wrong-expected-version').length;
      expect(answers.filter((answer) => answer.status === 201)).toHaveLength(1);
      expect(answers.filter((answer) => answer.status === 409)).toHaveLength(5);
    }
    Object.assign(figures, { conflictRounds: PROFILE.conflictRounds, conflictWins: wins, conflictsAnswered409: conflicts });
    expect(wins).toBe(PROFILE.conflictRounds);
  });

  it('refuses hostile input at every entry point with a precise error, and keeps no trace of it', async () => {
    const before = await traces();
    const dlqBefore = await stack.messageCount(stack.topics.commandDeadLetter);
    const requests = samples(hostileRequest, PROFILE.hostileRequests, SEED);
    const refusals = new Map<number, number>();
    for (const request of requests) {
      const response = await fetch(`${stack.ledger.url}${request.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${stack.keys.publisher}`, ...request.headers },
        body: request.body,
      });
      const body = (await response.json().catch(() => null)) as { accepted?: number; outcomes?: { status: number }[] } | null;
      const statuses = request.path === '/commands/batch' && response.status === 200 ? body!.outcomes!.map((outcome) => outcome.status) : [response.status];
      for (const status of statuses) refusals.set(status, (refusals.get(status) ?? 0) + 1);
      expect({ request: request.label, refused: statuses.every((status) => status >= 400 && status < 500) }).toEqual({ request: request.label, refused: true });
      if (response.status !== 200) expect(response.headers.get('content-type')).toContain('application/problem+json');
    }

    const messages = samples(hostileMessage, PROFILE.hostileMessages, SEED);
    await producer.send({ topic: stack.topics.publisherIngest, messages: messages.map((message) => ({ key: 'hostile', value: message.value })) });
    // The consumer goes on past them: a valid submission sent after them is recorded.
    const canary = `${runName}-after-hostile`;
    await producer.send({ topic: stack.topics.publisherIngest, messages: [{ key: partnershipIds[1]!, value: JSON.stringify(observation(partnershipIds[1]!, canary)) }] });
    await eventually(async () => (await recordedObservations()).has(canary), 'the submission after the hostile messages to be recorded', 120_000).catch((error: Error) => {
      const ingestLines = stack.ledger.logs().split('\n').filter((line) => !line.includes('"request completed"'));
      throw new Error(`${error.message}\n--- ledger, but its request lines ---\n${ingestLines.slice(-40).join('\n')}`);
    });
    await eventually(async () => (await stack.messageCount(stack.topics.commandDeadLetter)) - dlqBefore === messages.length, 'every hostile message on the dead-letter topic', 60_000);

    const after = await traces();
    Object.assign(figures, {
      hostileHttpInputsTried: requests.length,
      hostileHttpAnswers: Object.fromEntries([...refusals].sort(([a], [b]) => a - b)),
      hostileKafkaMessagesTried: messages.length,
      hostileKafkaMessagesDeadLettered: (await stack.messageCount(stack.topics.commandDeadLetter)) - dlqBefore,
      tracesLeftByHostileInput: after.events - before.events - 1 + (after.keys - before.keys - 1),
    });
    // The canary is the only thing recorded meanwhile: one event, one idempotency key.
    expect(after).toEqual({ events: before.events + 1, keys: before.keys + 1, streams: before.streams });
  });

  /** The latest output of every running service, beside the figures, for a failure's post-mortem. */
  function writeServiceLogs() {
    if (!stack) return;
    const directory = join(REPO_ROOT, '.local', 'reliability', runName);
    mkdirSync(directory, { recursive: true });
    for (const service of [stack.ledgerOrNull, stack.relay, ...PROJECTOR_APPS.map((app) => stack.projectorOrNull(app))]) {
      if (service) writeFileSync(join(directory, `${service.app}.log`), service.logs());
    }
  }

  async function recordedObservations(): Promise<Map<string, number>> {
    const { rows } = await pool.query<{ id: string; times: string }>(
      "SELECT data->>'observationId' AS id, count(*) AS times FROM ledger.events WHERE type = 'SlaObservationRecorded' GROUP BY 1",
    );
    return new Map(rows.map((row) => [row.id, Number(row.times)]));
  }

  async function publishedEventIds(): Promise<Set<string>> {
    const messages = await stack.publishedEvents();
    return new Set(messages.map((message) => message.headers['event-id']!));
  }

  async function traces() {
    return {
      events: await count('SELECT count(*) AS n FROM ledger.events'),
      keys: await count('SELECT count(*) AS n FROM ledger.idempotency_keys'),
      streams: await count('SELECT count(*) AS n FROM ledger.streams'),
    };
  }

  async function caughtUp(app: (typeof PROJECTOR_APPS)[number]) {
    const schema = app === 'ownership-projector' ? 'ownership' : 'reporting';
    await eventually(
      async () =>
        (await count(`SELECT count(*) AS n FROM ledger.streams s FULL JOIN ${schema}.stream_positions p USING (stream_id) WHERE s.version IS DISTINCT FROM p.version`)) === 0,
      `${app} to catch up with the ledger`,
      180_000,
    );
  }

  /** Every stream's hash chain, over the whole log in commit order. */
  async function verifyChains() {
    const dataSource = createEventStoreDataSource({ url: stack.database.url, poolSize: 1, applicationName: 'reliability-verify' });
    await dataSource.initialize();
    try {
      const store = new EventStore(dataSource);
      const log = [];
      for (let after = 0; ; ) {
        const page = await store.readAll({ afterPosition: after, limit: 5_000 });
        if (page.length === 0) break;
        log.push(...page);
        after = page.at(-1)!.globalPosition;
      }
      return verifyStreamChains(log);
    } finally {
      await dataSource.destroy();
    }
  }
});

function observation(partnershipId: string, observationId: string): CommandSubmission {
  return { type: 'RecordSlaObservation', partnershipId, idempotencyKey: `canary/${observationId}`, data: { observationId, slaId: SLA_ID, value: 12 } };
}
