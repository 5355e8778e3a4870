/**
 * The history the read-side benchmarks run on: a fresh database whose event store holds
 * a realistic ledger of (by default) 1,000,000 events, written straight into
 * `ledger.events` with COPY, because appending a million events through the ledger would
 * take longer than everything measured afterwards.
 *
 * The events are the projections' own first-quarter scenario (three partnerships:
 * agreement, signatures, contributions, metrics, targets, readings and a correction, RACI
 * rights and decisions, assets, SLAs and observations, vocabulary, an amendment and a
 * suspension: 125 events of 22 types) repeated for as many partnership triples as the
 * size needs, interleaved by ledger time within each chunk of triples. The rows are what
 * the event store would hold: hash chains computed by the same `computeEventHash`,
 * `ledger.streams` heads, positions in commit order (one transaction per chunk, so
 * `(transaction_id, global_position)` order is position order), the identity sequence
 * moved past them, and the table analysed.
 */
import { createTestDatabase, type TestDatabase } from '@ledger/testing';
import type { EventEnvelope } from '@ledger/contracts';
import { migrateAuditSchema } from '@ledger/audit';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { quarterCopies } from '../../../libs/projections/src/testing/scenario';

export interface HistoryOptions {
  /** Events to write (default 1,000,000). */
  readonly events?: number;
  /** Partnership triples per chunk: one COPY and one transaction each. */
  readonly triplesPerChunk?: number;
  readonly onProgress?: (eventsWritten: number) => void;
}

export interface GeneratedHistory {
  readonly database: TestDatabase;
  readonly events: number;
  readonly streams: number;
  readonly seconds: number;
}

interface StreamHead {
  version: number;
  hash: string;
  recordedAt: string;
}

const EVENTS_PER_TRIPLE = 125;
const DEFAULT_TRIPLES_PER_CHUNK = 200;

const EVENT_COLUMNS =
  'global_position, event_id, stream_id, stream_version, type, schema_version, data, actor, source_system, ' +
  'correlation_id, causation_id, occurred_at, recorded_at, prev_hash, hash';

/** A fresh database (ledger and audit schemas migrated) holding the history; drop it with `database.drop()`. */
export async function generateHistory(options: HistoryOptions = {}): Promise<GeneratedHistory> {
  const started = performance.now();
  const total = options.events ?? 1_000_000;
  const triplesPerChunk = options.triplesPerChunk ?? DEFAULT_TRIPLES_PER_CHUNK;
  const database = await createTestDatabase('al_bench_read');
  const client = new Client({ connectionString: database.url });
  try {
    await migrateAuditSchema(database.url);
    await client.connect();
    const heads = new Map<string, StreamHead>();
    let written = 0;
    for (let firstCopy = 0; written < total; firstCopy += triplesPerChunk) {
      const chunk = quarterCopies(triplesPerChunk, firstCopy, written + 1).slice(0, total - written);
      await copyEvents(client, chunk, heads);
      written += chunk.length;
      options.onProgress?.(written);
    }
    await copyStreamHeads(client, heads);
    await client.query(`SELECT setval(pg_get_serial_sequence('ledger.events', 'global_position'), $1)`, [written]);
    await client.query('ANALYZE ledger.events');
    return { database, events: written, streams: heads.size, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await database.drop().catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/** How many partnership triples a history of `events` spans (three partnerships per triple). */
export function partnershipsOf(events: number): number {
  return Math.ceil(events / EVENTS_PER_TRIPLE) * 3;
}

async function copyEvents(client: Client, events: readonly EventEnvelope[], heads: Map<string, StreamHead>): Promise<void> {
  await client.query('BEGIN');
  await pipeline(Readable.from(eventLines(events, heads)), client.query(copyFrom(`COPY ledger.events (${EVENT_COLUMNS}) FROM STDIN`)));
  await client.query('COMMIT');
}

function* eventLines(events: readonly EventEnvelope[], heads: Map<string, StreamHead>): Generator<string> {
  const lines: string[] = [];
  for (const event of events) {
    heads.set(event.streamId, { version: event.streamVersion, hash: event.hash, recordedAt: event.recordedAt });
    lines.push(
      copyLine([
        event.globalPosition, event.eventId, event.streamId, event.streamVersion, event.type, event.schemaVersion,
        JSON.stringify(event.data), event.actor, event.sourceSystem, event.correlationId, event.causationId,
        event.occurredAt, event.recordedAt, event.prevHash, event.hash,
      ]),
    );
    if (lines.length === 1000) yield lines.splice(0).join('');
  }
  if (lines.length > 0) yield lines.join('');
}

async function copyStreamHeads(client: Client, heads: Map<string, StreamHead>): Promise<void> {
  function* lines(): Generator<string> {
    for (const [streamId, head] of heads) yield copyLine([streamId, head.version, head.hash, head.recordedAt]);
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom('COPY ledger.streams (stream_id, version, last_hash, updated_at) FROM STDIN')));
}

/** One row of COPY's text format. */
function copyLine(values: readonly (string | number | null)[]): string {
  return `${values.map((value) => (value === null ? '\\N' : escapeCopyText(String(value)))).join('\t')}\n`;
}

function escapeCopyText(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (character) => COPY_ESCAPES[character]!) : text;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
