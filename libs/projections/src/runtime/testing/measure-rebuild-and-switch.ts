/**
 * Rebuild throughput as the runtime achieves it end to end: a scratch database whose
 * event store holds the first-quarter scenario repeated for many partnership triples,
 * rebuilt by `ProjectionRebuilder` (read pages from `ledger.events`, dedupe by stream
 * version, project, write, catch up, switch), once per projection. Prints the
 * rebuilder's own rate. A measurement to read, not a test.
 *
 *   npm run build
 *   node dist/libs/projections/src/runtime/testing/measure-rebuild-and-switch.js [triples=400] [pageSize=5000]
 */
import { createEventStoreDataSource, EventStore, migrateEventStore } from '@ledger/event-store';
import { silentLogger } from '@ledger/messaging';
import { createTestDatabase, createTestPool } from '@ledger/testing';
import { ownershipProjection, OWNERSHIP_SCHEMA } from '../../ownership/ownership.projection';
import { reportingProjection, REPORTING_SCHEMA } from '../../reporting/reporting.projection';
import { migrateProjection } from '../projection-migrations';
import { ProjectionRebuilder } from '../projection-rebuilder';
import { quarterCopies } from '../../testing/scenario';

const TRIPLES_PER_CHUNK = 50;

/** Appends each stream's whole quarter in one append: the fastest way to fill the store, and the same rows as one by one. */
async function fillEventStore(store: EventStore, triples: number): Promise<number> {
  let recorded = 0;
  for (let first = 0; first < triples; first += TRIPLES_PER_CHUNK) {
    const byStream = new Map<string, ReturnType<typeof quarterCopies>>();
    for (const event of quarterCopies(Math.min(TRIPLES_PER_CHUNK, triples - first), first)) {
      byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    }
    for (const [streamId, events] of byStream) {
      await store.append({
        streamId,
        expectedVersion: 0,
        events: events.map((event) => ({
          eventId: crypto.randomUUID(),
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          occurredAt: new Date(event.occurredAt),
          metadata: { actor: event.actor, sourceSystem: event.sourceSystem, correlationId: event.correlationId, causationId: null },
        })),
      });
      recorded += events.length;
    }
  }
  return recorded;
}

async function main(): Promise<void> {
  const [triples = 400, pageSize = 5000] = process.argv.slice(2).map(Number);
  const database = await createTestDatabase('al_measure_rebuild');
  const dataSource = createEventStoreDataSource({ url: database.url, poolSize: 4 });
  const pool = createTestPool(database.url, 2);
  try {
    await dataSource.initialize();
    await migrateEventStore(dataSource);
    const store = new EventStore(dataSource);
    const events = await fillEventStore(store, triples);
    console.log(`event store: ${events} events in ${triples * 3} partnerships`);
    for (const [liveSchema, projectionIn] of [[OWNERSHIP_SCHEMA, ownershipProjection], [REPORTING_SCHEMA, reportingProjection]] as const) {
      await migrateProjection(database.url, projectionIn(liveSchema));
      const rebuilder = new ProjectionRebuilder({ databaseUrl: database.url, pool, eventStore: store, projectionIn, liveSchema, pageSize, logger: silentLogger });
      const started = performance.now();
      const outcome = await rebuilder.rebuildAndSwitch();
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${liveSchema}: ${outcome.eventsDone} events; rebuilder rate ${outcome.eventsPerSecond}/s; ` +
          `whole rebuild incl. migrations and switch ${seconds.toFixed(1)} s (${Math.round(outcome.eventsDone / seconds)}/s)`,
      );
    }
  } finally {
    await pool.end();
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  }
}

void main();
