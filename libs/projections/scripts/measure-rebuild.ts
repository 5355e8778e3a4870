/**
 * Rough rebuild throughput: replays a large synthetic history (the first-quarter
 * scenario repeated for many partnerships) through both projections into a scratch
 * database, in batches, and prints events per second for projecting and for writing.
 * The history is generated chunk by chunk, as a rebuild reads it page by page, so the
 * process never holds all of it. A measurement to read, not a test.
 *
 *   npx swc libs -d /tmp/al-dist --quiet                       (from the repo root)
 *   NODE_PATH=$PWD/node_modules node /tmp/al-dist/libs/projections/scripts/measure-rebuild.js \
 *     [partnershipTriples=400] [batchSize=5000]
 */
import type { EventEnvelope } from '@ledger/contracts';
import { createTestDatabase } from '@ledger/testing';
import { Client } from 'pg';
import { OWNERSHIP_PROJECTION, REPORTING_PROJECTION, RowChangeApplier, runProjectionMigrations, type Projection } from '../src';
import { marketingSalesQuarter } from '../src/testing/scenario/marketing-sales-quarter';
import { marketingFinanceQuarter, marketingItQuarter } from '../src/testing/scenario/other-partnerships';
import { recordPlans, type PlannedEvent } from '../src/testing/scenario/planned-event';

const TRIPLES_PER_CHUNK = 100;

/** The quarter for `count` triples of partnerships, numbered from `first`. */
function historyChunk(first: number, count: number, firstPosition: number): EventEnvelope[] {
  const quarter = [...marketingSalesQuarter(), ...marketingItQuarter(), ...marketingFinanceQuarter()];
  const plans: PlannedEvent[][] = [];
  for (let copy = first; copy < first + count; copy += 1) {
    plans.push(quarter.map((fact) => ({ ...fact, partnershipId: `${fact.partnershipId}-${copy}` })));
  }
  return recordPlans(plans, firstPosition);
}

interface Timing {
  events: number;
  projectingMs: number;
  writingMs: number;
}

async function replayChunk(client: Client, projection: Projection, events: EventEnvelope[], batchSize: number, timing: Timing) {
  const applier = new RowChangeApplier(projection.schema);
  for (let start = 0; start < events.length; start += batchSize) {
    const began = performance.now();
    const changes = events.slice(start, start + batchSize).flatMap(projection.project);
    const projected = performance.now();
    await applier.applyInTransaction((sql, params) => client.query(sql, params), changes);
    timing.projectingMs += projected - began;
    timing.writingMs += performance.now() - projected;
  }
  timing.events += events.length;
}

function report(projection: Projection, { events, projectingMs, writingMs }: Timing): void {
  const perSecond = (ms: number) => Math.round(events / (ms / 1000));
  console.log(
    `${projection.schema}: ${events} events; project ${perSecond(projectingMs)}/s, write ${perSecond(writingMs)}/s, ` +
      `overall ${perSecond(projectingMs + writingMs)}/s`,
  );
}

async function main(): Promise<void> {
  const [triples = 400, batchSize = 5000] = process.argv.slice(2).map(Number);
  const database = await createTestDatabase('al_measure');
  const client = new Client({ connectionString: database.url });
  try {
    for (const projection of [OWNERSHIP_PROJECTION, REPORTING_PROJECTION]) await runProjectionMigrations(database.url, projection);
    await client.connect();
    for (const projection of [OWNERSHIP_PROJECTION, REPORTING_PROJECTION]) {
      const timing: Timing = { events: 0, projectingMs: 0, writingMs: 0 };
      for (let first = 0; first < triples; first += TRIPLES_PER_CHUNK) {
        const chunk = historyChunk(first, Math.min(TRIPLES_PER_CHUNK, triples - first), timing.events + 1);
        await replayChunk(client, projection, chunk, batchSize, timing);
      }
      report(projection, timing);
    }
  } finally {
    await client.end();
    await database.drop();
  }
}

void main();
