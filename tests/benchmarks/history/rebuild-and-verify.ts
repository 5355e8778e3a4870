/**
 * Rebuild and verification rates over a long history: a database of its own whose event
 * store is filled with about `events` events (the demo-like quarter of the projection
 * scenarios, repeated for as many partnership triples as it takes; hash chains and all,
 * through `EventStore.appendMany`), sealed into signed checkpoints by the audit sealer,
 * then:
 *
 * - each projection rebuilt from it by its own rebuild command (`node
 *   dist/apps/<projector>/src/rebuild.js`, what an operator runs: read the log in pages,
 *   project, write beside the live schema, switch), timed as a whole process;
 * - the whole ledger verified by `ledgerctl audit verify` (every chain and every
 *   checkpoint, from the database), timed as a whole process.
 *
 * Each command runs as a child process, so its peak memory (VmHWM) is its own.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CommittedLog, migrateAuditSchema, Sealer, verifierKeyOf } from '@ledger/audit';
import type { EventEnvelope } from '@ledger/contracts';
import { createEventStoreDataSource, EventStore, migrateEventStore, type AppendRequest } from '@ledger/event-store';
import { generateSigningKey } from '@ledger/integrity';
import { createTestDatabase } from '@ledger/testing';
import { quarterCopies } from '../../../libs/projections/src/testing/scenario';
import { REPO_ROOT, serviceNodeOptions } from '../../support/service-process';
import { MemorySampler } from '../ingest/measure';

export interface HistoryFigures {
  events: number;
  partnerships: number;
  fill: { seconds: number; eventsPerSecond: number };
  seal: { seconds: number; eventsPerSecond: number; checkpoints: number };
  rebuilds: ProcessFigure[];
  verification: ProcessFigure & { verdict: string };
}

export interface ProcessFigure {
  key: string;
  label: string;
  seconds: number;
  eventsPerSecond: number;
  peakRssMb: number;
  cpuSeconds: number;
}

const TRIPLES_PER_APPEND = 25;
const EVENTS_PER_CHECKPOINT = 100_000;
const ORIGIN = 'alignment-ledger.bench/history';
const REBUILDS = [
  { key: 'history.rebuild.ownership', label: 'rebuild of the ownership view', app: 'ownership-projector' },
  { key: 'history.rebuild.reporting', label: 'rebuild of the reporting view', app: 'reporting-projector' },
] as const;

export async function measureHistory(targetEvents: number, say: (line: string) => void): Promise<HistoryFigures> {
  const database = await createTestDatabase('al_bench_history');
  const dataSource = createEventStoreDataSource({ url: database.url, poolSize: 2, applicationName: 'history-bench' });
  const stateDirectory = mkdtempSync(join(tmpdir(), 'al-bench-verify-'));
  try {
    await dataSource.initialize();
    await migrateEventStore(dataSource);
    await migrateAuditSchema(database.url);

    const perTriple = quarterCopies(1).length;
    const triples = Math.max(1, Math.ceil(targetEvents / perTriple));
    say(`Filling the event store with ${triples} partnership triples x ${perTriple} events...`);
    const fillStarted = performance.now();
    const events = await fill(new EventStore(dataSource), triples, say);
    const fillSeconds = (performance.now() - fillStarted) / 1000;

    say('Sealing the log into signed checkpoints...');
    const { signerKey } = generateSigningKey(ORIGIN);
    const sealStarted = performance.now();
    const seals = await new Sealer({ dataSource, log: new CommittedLog(dataSource), signerKey, origin: ORIGIN, maxEventsPerCheckpoint: EVENTS_PER_CHECKPOINT }).sealAll();
    const sealSeconds = (performance.now() - sealStarted) / 1000;

    const rebuilds: ProcessFigure[] = [];
    for (const rebuild of REBUILDS) {
      say(`Running the ${rebuild.app} rebuild command...`);
      const run = await timedNode([`dist/apps/${rebuild.app}/src/rebuild.js`], { DATABASE_URL: database.url, LOG_LEVEL: 'warn' }, rebuild.app);
      if (run.exitCode !== 0) throw new Error(`The ${rebuild.app} rebuild failed: ${run.stderr || run.stdout}`);
      rebuilds.push({ key: rebuild.key, label: rebuild.label, seconds: run.seconds, eventsPerSecond: events / run.seconds, peakRssMb: run.peakRssMb, cpuSeconds: run.cpuSeconds });
    }

    say('Running ledgerctl audit verify...');
    const verify = await timedNode(
      ['dist/apps/cli/src/main.js', 'audit', 'verify', '--database-url', database.url, '--verifier-key', verifierKeyOf(signerKey), '--json', '--no-progress', '--state-file', join(stateDirectory, 'state.json')],
      {},
      'audit verify',
    );
    const verdict = verdictOf(verify.stdout);
    if (verify.exitCode !== 0 || verdict !== 'intact') throw new Error(`Verification did not find the ledger intact: ${verify.stderr || verify.stdout.slice(0, 500)}`);

    return {
      events,
      partnerships: triples * 3,
      fill: { seconds: fillSeconds, eventsPerSecond: events / fillSeconds },
      seal: { seconds: sealSeconds, eventsPerSecond: events / sealSeconds, checkpoints: seals.length },
      rebuilds,
      verification: { key: 'history.verify', label: 'verification of every chain and checkpoint', seconds: verify.seconds, eventsPerSecond: events / verify.seconds, peakRssMb: verify.peakRssMb, cpuSeconds: verify.cpuSeconds, verdict },
    };
  } finally {
    rmSync(stateDirectory, { recursive: true, force: true });
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  }
}

/** Appends the quarters in groups of partnerships: one transaction per group, each stream's quarter one append. */
async function fill(store: EventStore, triples: number, say: (line: string) => void): Promise<number> {
  let recorded = 0;
  let reported = 0;
  for (let first = 0; first < triples; first += TRIPLES_PER_APPEND) {
    const byStream = new Map<string, EventEnvelope[]>();
    for (const event of quarterCopies(Math.min(TRIPLES_PER_APPEND, triples - first), first)) {
      byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    }
    const requests: AppendRequest[] = [...byStream].map(([streamId, events]) => ({
      streamId,
      expectedVersion: 0,
      events: events.map((event) => ({
        eventId: randomUUID(),
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        occurredAt: new Date(event.occurredAt),
        metadata: { actor: event.actor, sourceSystem: event.sourceSystem, correlationId: event.correlationId, causationId: event.causationId },
      })),
    }));
    const outcomes = await store.appendMany(requests);
    const refused = outcomes.find((outcome) => !outcome.ok);
    if (refused && !refused.ok) throw refused.error;
    recorded += requests.reduce((sum, request) => sum + request.events.length, 0);
    if (recorded - reported >= 100_000) {
      say(`  ${recorded} events`);
      reported = recorded;
    }
  }
  return recorded;
}

interface TimedRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  peakRssMb: number;
  /** As of the last sample, at most 100 ms before it ended. */
  cpuSeconds: number;
}

/** Runs `node <args>` from the repository root, timing it and sampling its memory. */
function timedNode(args: string[], env: Record<string, string>, name: string): Promise<TimedRun> {
  const memory = new MemorySampler({ [name]: args[0]! });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...serviceNodeOptions(), ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    memory.start(100);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (exitCode) => {
      const seconds = (performance.now() - started) / 1000;
      const peak = memory.stop()[name];
      resolve({ exitCode, stdout, stderr, seconds, peakRssMb: peak?.peakRssMb ?? 0, cpuSeconds: peak?.cpuSeconds ?? 0 });
    });
  });
}

function verdictOf(stdout: string): string {
  try {
    return (JSON.parse(stdout) as { status?: string }).status ?? 'unknown';
  } catch {
    return 'unreadable';
  }
}
