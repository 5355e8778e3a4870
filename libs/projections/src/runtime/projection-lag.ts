/**
 * How far a projection is behind, in the two measures an operator asks for:
 *
 * - `events`: messages on the ledger topic not yet applied, summed over partitions:
 *   the partition's high watermark minus the furthest of the offset stored with the
 *   view and the group's committed offset (the two differ only for a moment after a
 *   crash; the stored one is the truth of what the view holds);
 * - `seconds`: the age of the oldest unapplied event, 0 when caught up. Kafka does not
 *   say when an unread message was recorded without reading it, so this is
 *   approximated, from above: for each partition that is behind, now minus the ledger
 *   time of the last event applied from it (the next one was recorded no earlier, in
 *   all but rare commit races); for a partition nothing was applied from yet, now
 *   minus the ledger time of the first event in the ledger. The largest wins.
 *
 * `appliedPosition` (the highest ledger position the view holds) and `headPosition`
 * (the ledger's) give a second opinion straight from Postgres, independent of Kafka.
 */
import type { EventStore } from '@ledger/event-store';
import type { Admin, Kafka } from 'kafkajs';
import type { QueryFunction } from '../row-changes/row-change-applier';
import { readAppliedHead, readPartitionProgress, type PartitionProgress } from './checkpoints';

export interface PartitionLag {
  readonly partition: number;
  readonly highWatermark: string;
  readonly appliedOffset: string;
  readonly events: number;
}

export interface ProjectionLag {
  readonly events: number;
  readonly seconds: number;
  readonly appliedPosition: number;
  readonly headPosition: number;
  readonly partitions: readonly PartitionLag[];
}

export interface ProjectionLagProbeOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly groupId: string;
  /** Reads the live schema's checkpoints. */
  readonly query: QueryFunction;
  readonly schema: string;
  readonly eventStore: EventStore;
  readonly clock?: () => Date;
}

export class ProjectionLagProbe {
  private readonly admin: Admin;
  private connected: Promise<void> | null = null;

  constructor(private readonly options: ProjectionLagProbeOptions) {
    this.admin = options.kafka.admin();
  }

  async lag(): Promise<ProjectionLag> {
    const { query, schema, topic, eventStore } = this.options;
    const [partitions, applied, headPosition] = await Promise.all([
      this.partitionLags(),
      readAppliedHead(query, schema),
      eventStore.headPosition(),
    ]);
    const events = partitions.reduce((sum, partition) => sum + partition.events, 0);
    const seconds = events === 0 ? 0 : await this.secondsBehind(partitions, await readPartitionProgress(query, schema, topic));
    return { events, seconds, appliedPosition: applied.position, headPosition, partitions };
  }

  /** Kafka readiness on the probe's own admin connection, which `close()` ends with the service. */
  async assertClusterReachable(): Promise<void> {
    await this.connect();
    await this.admin.describeCluster();
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
    this.connected = null;
  }

  private async partitionLags(): Promise<PartitionLag[]> {
    const { topic, groupId, query, schema } = this.options;
    await this.connect();
    const [watermarks, [committed], stored] = await Promise.all([
      this.admin.fetchTopicOffsets(topic),
      this.admin.fetchOffsets({ groupId, topics: [topic] }),
      readPartitionProgress(query, schema, topic),
    ]);
    return watermarks
      .map(({ partition, high, low }) => {
        const candidates = [low, committed?.partitions.find((entry) => entry.partition === partition)?.offset ?? '-1'];
        const storedOffset = stored.find((entry) => entry.partition === partition)?.nextOffset;
        if (storedOffset !== undefined) candidates.push(storedOffset);
        const appliedOffset = candidates.map(BigInt).reduce((furthest, offset) => (offset > furthest ? offset : furthest));
        const behind = BigInt(high) - appliedOffset;
        return { partition, highWatermark: high, appliedOffset: appliedOffset.toString(), events: Number(behind > 0n ? behind : 0n) };
      })
      .sort((a, b) => a.partition - b.partition);
  }

  private async secondsBehind(partitions: readonly PartitionLag[], stored: readonly PartitionProgress[]): Promise<number> {
    const now = (this.options.clock ?? (() => new Date()))().getTime();
    const lastApplied = new Map(stored.map((entry) => [entry.partition, Date.parse(entry.lastRecordedAt)]));
    let oldest = Number.POSITIVE_INFINITY;
    for (const partition of partitions.filter((entry) => entry.events > 0)) {
      oldest = Math.min(oldest, lastApplied.get(partition.partition) ?? (await this.firstLedgerTime()));
    }
    return Math.max(0, Math.round((now - oldest) / 1000));
  }

  private async firstLedgerTime(): Promise<number> {
    const [first] = await this.options.eventStore.readAll({ afterPosition: 0, limit: 1 });
    return first ? Date.parse(first.recordedAt) : Date.now();
  }

  private async connect(): Promise<void> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = null;
      throw error;
    });
    await this.connected;
  }
}
