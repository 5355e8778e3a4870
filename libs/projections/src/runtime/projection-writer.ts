/**
 * Applies a batch of ledger events to one projection schema, exactly once: in one
 * transaction it drops what the schema already holds (by stream version), fills gaps
 * from the event store, writes the row changes, and moves the stored stream positions
 * (and, for Kafka batches, the partition's offset) with them. If anything fails, none
 * of it happened, and the same batch can simply be applied again.
 *
 * Both the live consumer and the rebuild write through here, so a view is always built
 * by the same code, whichever path its events took.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { EventStore } from '@ledger/event-store';
import type { Projection } from '../projection';
import { RowChangeApplier, type QueryFunction } from '../row-changes/row-change-applier';
import { readStreamVersions, storePartitionProgress, storeStreamPositions, type PartitionProgress } from './checkpoints';
import { holdSwitchLockShared } from './projection-locks';
import { eventsToApply, lastEventOfEachStream, planStreamUpdates, type GapReader } from './stream-plan';

/** Gaps are filled from the ledger's own record of the stream. */
export function eventStoreGapReader(eventStore: EventStore): GapReader {
  return ({ streamId, fromVersion, toVersion }) => eventStore.readStream(streamId, { fromVersion, toVersion });
}

export interface ProjectionWriterOptions {
  readonly projection: Projection;
  /** Reads the events of a gap from the event store. */
  readonly readGap: GapReader;
  /**
   * Whether other writers may touch the same schema at the same time: true for the live
   * schema (several consumer instances, rebuild switches), false for a schema only a
   * rebuild writes, which then skips the locks.
   */
  readonly shared: boolean;
}

export interface WriteOutcome {
  /** Events applied, gap fillers included. */
  readonly applied: number;
  /** Events dropped as already applied. */
  readonly duplicates: number;
  /** Events read from the event store to fill gaps. */
  readonly gapFilled: number;
}

export class ProjectionWriter {
  private readonly applier: RowChangeApplier;

  constructor(private readonly options: ProjectionWriterOptions) {
    this.applier = new RowChangeApplier(options.projection.schema);
  }

  get schema(): string {
    return this.options.projection.schema;
  }

  /** The batch in a transaction of its own: all of it, or on any error none of it. */
  async writeInTransaction(query: QueryFunction, events: readonly EventEnvelope[], partition?: PartitionProgress): Promise<WriteOutcome> {
    await query('BEGIN', []);
    try {
      const outcome = await this.writeWithinTransaction(query, events, partition);
      await query('COMMIT', []);
      return outcome;
    } catch (error) {
      await query('ROLLBACK', []);
      throw error;
    }
  }

  /** The batch inside the caller's open transaction (a rebuild's final catch-up and switch). */
  async writeWithinTransaction(query: QueryFunction, events: readonly EventEnvelope[], partition?: PartitionProgress): Promise<WriteOutcome> {
    const { projection, shared } = this.options;
    if (shared) await holdSwitchLockShared(query, projection.schema);
    const streamIds = [...new Set(events.map((event) => event.streamId))].sort();
    const stored = await readStreamVersions(query, projection.schema, streamIds, { lock: shared });
    const plan = planStreamUpdates(events, stored);
    const applying = await eventsToApply(plan, this.options.readGap);
    await this.applier.applyWithinTransaction(query, applying.flatMap(projection.project));
    await storeStreamPositions(query, projection.schema, lastEventOfEachStream(applying));
    if (partition) await storePartitionProgress(query, projection.schema, partition);
    const delivered = events.length - plan.duplicates;
    return { applied: applying.length, duplicates: plan.duplicates, gapFilled: applying.length - delivered };
  }
}
