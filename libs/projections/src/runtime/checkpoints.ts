/**
 * What a projection schema remembers about its own progress, written in the same
 * transaction as the rows it describes (so the two can never disagree):
 *
 * - `stream_positions`: the last version applied of each stream, its ledger position
 *   and ledger time. It is the dedupe key of the exactly-once effect, and it lives in
 *   the projection's schema, so a rebuilt schema brings its own positions along when
 *   it replaces the live one.
 * - `consumer_offsets`: per topic partition, the next Kafka offset to apply and the
 *   ledger time of the last event applied from it, for lag reports and operators.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { QueryFunction } from '../row-changes/row-change-applier';
import { qualifiedName } from '../sql/identifiers';
import { sqlMigration, type MigrationClass } from '../sql/migration';

export const STREAM_POSITIONS_TABLE = 'stream_positions';
export const CONSUMER_OFFSETS_TABLE = 'consumer_offsets';

/** Named after the projection migrations' timestamps, so TypeORM runs it after them. */
export function checkpointMigration(schema: string): MigrationClass {
  return sqlMigration(
    'CreateProjectorCheckpoints1764100000000',
    [
      `CREATE TABLE ${qualifiedName(schema, STREAM_POSITIONS_TABLE)} (
  stream_id text PRIMARY KEY,
  version int NOT NULL,
  global_position bigint NOT NULL,
  recorded_at timestamptz NOT NULL
)`,
      `CREATE TABLE ${qualifiedName(schema, CONSUMER_OFFSETS_TABLE)} (
  topic text NOT NULL,
  partition int NOT NULL,
  next_offset bigint NOT NULL,
  last_recorded_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (topic, partition)
)`,
    ],
    [
      `DROP TABLE ${qualifiedName(schema, CONSUMER_OFFSETS_TABLE)}`,
      `DROP TABLE ${qualifiedName(schema, STREAM_POSITIONS_TABLE)}`,
    ],
  );
}

/**
 * The stored version of each of the streams; streams never applied are absent.
 *
 * With `lock`, the streams' rows are locked until the transaction ends, so two
 * instances that both hold a partition for a moment during a rebalance apply a stream
 * one after the other, and the second sees what the first stored. A stream without a
 * row gets a placeholder at version 0 first (a row lock needs a row); the batch moves
 * it to a real version before it commits. Rows are taken in sorted order, so two
 * writers cannot deadlock, and row locks, unlike advisory locks, never run out.
 */
export async function readStreamVersions(
  query: QueryFunction,
  schema: string,
  streamIds: readonly string[],
  options: { lock: boolean },
): Promise<Map<string, number>> {
  const table = qualifiedName(schema, STREAM_POSITIONS_TABLE);
  if (options.lock) {
    await query(
      `INSERT INTO ${table} (stream_id, version, global_position, recorded_at)
       SELECT stream_id, 0, 0, 'epoch' FROM unnest($1::text[]) AS stream_id ORDER BY stream_id
       ON CONFLICT (stream_id) DO NOTHING`,
      [streamIds],
    );
  }
  const { rows } = await query(
    `SELECT stream_id, version FROM ${table} WHERE stream_id = ANY($1::text[])
     ${options.lock ? 'ORDER BY stream_id FOR UPDATE' : ''}`,
    [streamIds],
  );
  return new Map((rows as { stream_id: string; version: number }[]).map((row) => [row.stream_id, row.version]));
}

/** Moves each stream's position to its last event; a position never moves back. */
export async function storeStreamPositions(query: QueryFunction, schema: string, lastEvents: readonly EventEnvelope[]): Promise<void> {
  if (lastEvents.length === 0) return;
  const table = qualifiedName(schema, STREAM_POSITIONS_TABLE);
  await query(
    `INSERT INTO ${table} AS stored (stream_id, version, global_position, recorded_at)
     SELECT * FROM unnest($1::text[], $2::int[], $3::bigint[], $4::timestamptz[])
     ON CONFLICT (stream_id) DO UPDATE
       SET version = excluded.version, global_position = excluded.global_position, recorded_at = excluded.recorded_at
       WHERE stored.version < excluded.version`,
    [
      lastEvents.map((event) => event.streamId),
      lastEvents.map((event) => event.streamVersion),
      lastEvents.map((event) => event.globalPosition),
      lastEvents.map((event) => event.recordedAt),
    ],
  );
}

export interface PartitionProgress {
  readonly topic: string;
  readonly partition: number;
  /** Kafka's convention: the offset of the next message to read. */
  readonly nextOffset: string;
  /** Ledger time of the last event delivered from the partition. */
  readonly lastRecordedAt: string;
}

export async function storePartitionProgress(query: QueryFunction, schema: string, progress: PartitionProgress): Promise<void> {
  await query(
    `INSERT INTO ${qualifiedName(schema, CONSUMER_OFFSETS_TABLE)} AS stored
       (topic, partition, next_offset, last_recorded_at, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (topic, partition) DO UPDATE
       SET next_offset = excluded.next_offset, last_recorded_at = excluded.last_recorded_at, updated_at = excluded.updated_at
       WHERE stored.next_offset < excluded.next_offset`,
    [progress.topic, progress.partition, progress.nextOffset, progress.lastRecordedAt],
  );
}

export async function readPartitionProgress(query: QueryFunction, schema: string, topic: string): Promise<PartitionProgress[]> {
  const { rows } = await query(
    `SELECT topic, partition, next_offset::text AS next_offset, last_recorded_at
     FROM ${qualifiedName(schema, CONSUMER_OFFSETS_TABLE)} WHERE topic = $1`,
    [topic],
  );
  return (rows as { topic: string; partition: number; next_offset: string; last_recorded_at: Date }[]).map((row) => ({
    topic: row.topic,
    partition: row.partition,
    nextOffset: row.next_offset,
    lastRecordedAt: row.last_recorded_at.toISOString(),
  }));
}

/** Copies the Kafka progress of one schema into another (a rebuilt schema about to replace it). */
export async function copyPartitionProgress(query: QueryFunction, fromSchema: string, toSchema: string): Promise<void> {
  await query(
    `INSERT INTO ${qualifiedName(toSchema, CONSUMER_OFFSETS_TABLE)} SELECT * FROM ${qualifiedName(fromSchema, CONSUMER_OFFSETS_TABLE)}
     ON CONFLICT (topic, partition) DO NOTHING`,
    [],
  );
}

/** The highest ledger position and newest ledger time applied to the schema (0 and null when empty). */
export async function readAppliedHead(query: QueryFunction, schema: string): Promise<{ position: number; recordedAt: string | null }> {
  const { rows } = await query(
    `SELECT coalesce(max(global_position), 0)::text AS position, max(recorded_at) AS recorded_at
     FROM ${qualifiedName(schema, STREAM_POSITIONS_TABLE)}`,
    [],
  );
  const [row] = rows as { position: string; recorded_at: Date | null }[];
  return { position: Number(row.position), recordedAt: row.recorded_at?.toISOString() ?? null };
}
