/**
 * Integration-test support for the audit: a fresh database with the ledger and audit
 * schemas, a realistic history appended through the real `EventStore` (each event
 * recorded at its planned ledger time), a signing key and a sealer; copies of a
 * prepared database for tests that tamper with it; and the superuser's way to tamper.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { createEventStoreDataSource, EventStore } from '@ledger/event-store';
import { computeEventHash, generateSigningKey, GENESIS_HASH } from '@ledger/integrity';
import { migrateProjection, OWNERSHIP_PROJECTION, ProjectionWriter } from '@ledger/projections';
import { createTestDatabase } from '@ledger/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { CommittedLog } from '../log/committed-log';
import { migrateAuditSchema } from '../schema/audit-migrations';
import { CheckpointStore } from '../sealing/checkpoint-store';
import { Sealer } from '../sealing/sealer';

export const TEST_ORIGIN = 'alignment-ledger.test/ledger';

export interface AuditFixture {
  url: string;
  dataSource: DataSource;
  eventStore: EventStore;
  log: CommittedLog;
  checkpoints: CheckpointStore;
  keys: { signerKey: string; verifierKey: string };
  sealer(maxEventsPerCheckpoint?: number): Sealer;
  /** Appends envelopes as the ledger recorded them (same ids, data, times and metadata), then waits until they are settled. */
  record(events: readonly EventEnvelope[], options?: { settle?: boolean }): Promise<void>;
  /**
   * Waits until every committed event is in the log readers see. Transaction ids are
   * shared by the whole server, so a transaction open in ANY database (another test
   * file's) holds back the commit-order readers for a moment.
   */
  settled(): Promise<void>;
  /**
   * Commits two appends to new streams in the opposite order of their positions, as
   * concurrent appends do: the slow one takes its transaction id first and its position
   * last. Settles, then answers the positions [slow, fast] (slow > fast, slow first in the log).
   */
  commitOutOfPositionOrder(): Promise<[number, number]>;
  /** Builds the live ownership projection from the log, as the projector would (for comparisons). */
  projectOwnership(): Promise<void>;
  /** Closes the pool; `dropDatabase` also removes the database. */
  close(options?: { dropDatabase?: boolean }): Promise<void>;
}

const ADMIN_URL = () => process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A new database with both schemas; pass `url` to open an existing one (a copy) instead. */
export async function openAuditFixture(options: { url?: string; keys?: AuditFixture['keys'] } = {}): Promise<AuditFixture> {
  const url = options.url ?? (await createTestDatabase('al_test_audit')).url;
  if (!options.url) await migrateAuditSchema(url);
  let now = new Date();
  const dataSource = createEventStoreDataSource({ url, poolSize: 6, applicationName: 'audit-test' });
  await dataSource.initialize();
  const eventStore = new EventStore(dataSource, () => now);
  const keys = options.keys ?? generateSigningKey(TEST_ORIGIN);
  const checkpoints = new CheckpointStore(dataSource);
  return {
    url,
    dataSource,
    eventStore,
    log: new CommittedLog(dataSource),
    checkpoints,
    keys,
    sealer: (maxEventsPerCheckpoint = 1_000) =>
      new Sealer({ dataSource, log: new CommittedLog(dataSource), signerKey: keys.signerKey, origin: TEST_ORIGIN, maxEventsPerCheckpoint }),
    record: async (events, { settle: waitForSettled = true } = {}) => {
      for (const event of events) {
        now = new Date(event.recordedAt);
        await eventStore.append({ streamId: event.streamId, expectedVersion: event.streamVersion - 1, events: [newEventOf(event)] });
      }
      if (waitForSettled) await settle(dataSource);
    },
    settled: () => settle(dataSource),
    projectOwnership: () => projectLiveOwnership(url, eventStore),
    commitOutOfPositionOrder: async () => {
      const slow = new Client({ connectionString: url });
      await slow.connect();
      try {
        await slow.query('BEGIN');
        await slow.query('SELECT pg_current_xact_id()');
        const fast = await eventStore.append({ streamId: `partnership-fast-${randomBytes(4).toString('hex')}`, expectedVersion: 0, events: [newEventOf(suspension())] });
        const late = suspension();
        const [{ global_position: slowPosition }] = (await slow.query(insertFirstEvent(`partnership-slow-${randomBytes(4).toString('hex')}`, late))).rows;
        await slow.query('COMMIT');
        await settle(dataSource);
        return [Number(slowPosition), fast.events[0]!.globalPosition];
      } finally {
        await slow.end();
      }
    },
    close: async ({ dropDatabase = false } = {}) => {
      await dataSource.destroy();
      if (dropDatabase) await dropTestDatabase(url);
    },
  };
}

/** A copy of the (closed) database at `url`, to tamper with; returns the copy's URL. */
export async function copyDatabase(url: string): Promise<string> {
  const copy = `${databaseName(url)}_${randomBytes(3).toString('hex')}`;
  await runAsAdmin(`CREATE DATABASE "${copy}" TEMPLATE "${databaseName(url)}"`);
  const target = new URL(url);
  target.pathname = `/${copy}`;
  return target.toString();
}

export async function dropTestDatabase(url: string): Promise<void> {
  await runAsAdmin(`DROP DATABASE IF EXISTS "${databaseName(url)}" WITH (FORCE)`);
}

/**
 * Runs statements as the superuser a forger would be: with the append-only triggers
 * off (as only the owner or a superuser can), in one transaction.
 */
export async function tamper(dataSource: DataSource, ...statements: string[]): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query('ALTER TABLE ledger.events DISABLE TRIGGER USER');
    for (const statement of statements) await manager.query(statement);
    await manager.query('ALTER TABLE ledger.events ENABLE TRIGGER USER');
  });
}

async function projectLiveOwnership(url: string, eventStore: EventStore): Promise<void> {
  await migrateProjection(url, OWNERSHIP_PROJECTION);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const writer = new ProjectionWriter({ projection: OWNERSHIP_PROJECTION, readGap: async () => [], shared: true });
    const events = await eventStore.readAll({ afterPosition: 0, limit: 100_000 });
    await writer.writeInTransaction((sql, params) => client.query(sql, params as unknown[]), events);
  } finally {
    await client.end();
  }
}

async function settle(dataSource: DataSource, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ unsettled }] = await dataSource.query(
      'SELECT count(*)::int AS unsettled FROM ledger.events WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())',
    );
    if (unsettled === 0) return;
    if (Date.now() > deadline) throw new Error(`${unsettled} committed events stayed behind an open transaction for ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A small, valid event to append where a test needs one more. */
function suspension(): EventEnvelope {
  const now = new Date().toISOString();
  return {
    eventId: randomUUID(),
    type: 'PartnershipSuspended',
    schemaVersion: 1,
    streamId: '',
    streamVersion: 1,
    globalPosition: 0,
    occurredAt: now,
    recordedAt: now,
    data: { reason: 'test' },
    actor: 'svc-test',
    sourceSystem: 'test',
    correlationId: randomUUID(),
    causationId: null,
    prevHash: GENESIS_HASH,
    hash: '',
  };
}

/** An INSERT of `template` as the first event of `streamId`, correctly chained, answering its position. */
function insertFirstEvent(streamId: string, template: EventEnvelope): { text: string; values: unknown[] } {
  const event = { ...template, streamId, streamVersion: 1, prevHash: GENESIS_HASH };
  const values = [
    event.eventId, streamId, event.type, event.schemaVersion, JSON.stringify(event.data), event.actor, event.sourceSystem,
    event.correlationId, event.occurredAt, event.recordedAt, GENESIS_HASH, computeEventHash(GENESIS_HASH, event),
  ];
  return {
    text: `INSERT INTO ledger.events (event_id, stream_id, stream_version, type, schema_version, data, actor, source_system,
             correlation_id, causation_id, occurred_at, recorded_at, prev_hash, hash)
           VALUES ($1, $2, 1, $3, $4, $5::jsonb, $6, $7, $8, NULL, $9, $10, $11, $12) RETURNING global_position`,
    values,
  };
}

function newEventOf(event: EventEnvelope) {
  const { eventId, type, schemaVersion, data, occurredAt, actor, sourceSystem, correlationId, causationId } = event;
  return { eventId, type, schemaVersion, data, occurredAt: new Date(occurredAt), metadata: { actor, sourceSystem, correlationId, causationId } };
}

function databaseName(url: string): string {
  return new URL(url).pathname.slice(1);
}

async function runAsAdmin(statement: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
