/**
 * Replays history into a fresh copy of a projection, so an auditor can see what a view
 * said for exactly that history, and compare it row by row with the live view. The
 * copy is built by the projection runtime's own writer (the code the projectors run),
 * in a new schema created by the projection's migrations, from the database or from a
 * verified export bundle (which must then start at the first event: a projection is
 * the fold of whole streams).
 */
import type { EventEnvelope } from '@ledger/contracts';
import {
  compareSchemas,
  comparableTables,
  migrateProjection,
  OWNERSHIP_SCHEMA,
  ownershipProjection,
  ProjectionWriter,
  REPORTING_SCHEMA,
  reportingProjection,
  type Projection,
  type QueryFunction,
  type SchemaComparison,
  type StreamGap,
} from '@ledger/projections';
import type { EventStore } from '@ledger/event-store';
import { AuditError } from '../audit-error';
import type { CommittedLog } from '../log/committed-log';

export const REPLAYABLE_PROJECTIONS = {
  ownership: { projectionIn: ownershipProjection, liveSchema: OWNERSHIP_SCHEMA },
  reporting: { projectionIn: reportingProjection, liveSchema: REPORTING_SCHEMA },
} as const;

export type ReplayableProjection = keyof typeof REPLAYABLE_PROJECTIONS;

export interface ProjectionReplayOptions {
  databaseUrl: string;
  /** One connection: each page is written in a transaction of its own. */
  query: QueryFunction;
  projection: ReplayableProjection;
  intoSchema: string;
  /** The history, page by page, in the log's order. */
  pages: AsyncIterable<readonly EventEnvelope[]>;
  /** Reads versions the pages skipped (never for a whole history); from the event store, or refuse. */
  readGap: (gap: StreamGap) => Promise<EventEnvelope[]>;
  onProgress?: (eventsApplied: number) => void;
}

const PLAIN_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

export function isReplayableProjection(name: string): name is ReplayableProjection {
  return Object.hasOwn(REPLAYABLE_PROJECTIONS, name);
}

/** Creates `intoSchema` (which must not exist) and applies the pages to it; answers the events applied. */
export async function replayIntoProjection(options: ProjectionReplayOptions): Promise<{ eventsApplied: number }> {
  const projection = await createFreshProjection(options);
  const writer = new ProjectionWriter({ projection, readGap: options.readGap, shared: false });
  let eventsApplied = 0;
  for await (const page of options.pages) {
    if (page.length === 0) continue;
    eventsApplied += (await writer.writeInTransaction(options.query, page)).applied;
    options.onProgress?.(eventsApplied);
  }
  return { eventsApplied };
}

/** Every table of the replayed copy against the live projection, row by row. */
export function compareWithLive(query: QueryFunction, projection: ReplayableProjection, intoSchema: string): Promise<SchemaComparison> {
  const { projectionIn, liveSchema } = REPLAYABLE_PROJECTIONS[projection];
  return compareSchemas(query, liveSchema, intoSchema, comparableTables(projectionIn(intoSchema)));
}

/** The whole finished log from the database, page by page, in its order. */
export async function* historyPages(log: CommittedLog, pageSize = 5_000): AsyncGenerator<EventEnvelope[]> {
  for await (const page of log.events({ pageSize })) yield page.items;
}

/** A gap reader over the event store (a history from the database has no gaps; this is the runtime's safety net). */
export function eventStoreGaps(eventStore: EventStore): (gap: StreamGap) => Promise<EventEnvelope[]> {
  return ({ streamId, fromVersion, toVersion }) => eventStore.readStream(streamId, { fromVersion, toVersion });
}

/** A gap reader for a history that has no more to give: an export bundle. */
export function refuseGaps(source: string): (gap: StreamGap) => Promise<EventEnvelope[]> {
  return async ({ streamId, fromVersion, toVersion }) => {
    throw new AuditError(
      'invalid',
      'audit.history-incomplete',
      `${source} lacks versions ${fromVersion} to ${toVersion} of ${streamId}: replay a projection from a history that starts at the first event.`,
      'export',
    );
  };
}

async function createFreshProjection(options: ProjectionReplayOptions): Promise<Projection> {
  const { intoSchema, query, databaseUrl, projection } = options;
  const { projectionIn, liveSchema } = REPLAYABLE_PROJECTIONS[projection];
  if (!PLAIN_SCHEMA.test(intoSchema) || intoSchema === liveSchema) {
    throw new AuditError(
      'invalid',
      'audit.invalid-schema',
      `"${intoSchema}" cannot take the replay: give a new schema name of lower-case letters, digits and underscores, not the live "${liveSchema}".`,
      'intoSchema',
    );
  }
  const { rows } = await query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [intoSchema]);
  if (rows.length > 0) {
    throw new AuditError('conflict', 'audit.schema-exists', `Schema "${intoSchema}" already exists: replay into a fresh one, or drop it first.`, 'intoSchema');
  }
  const fresh = projectionIn(intoSchema);
  await migrateProjection(databaseUrl, fresh);
  return fresh;
}
