/**
 * Loads a partnership's current state for a decision: the cached state plus whatever
 * the event store holds beyond it. Reading only the newer events keeps a long-lived
 * partnership cheap to decide on, while another instance's appends are never missed.
 *
 * Loads asked for in the same turn of the event loop (the lanes of a batch, concurrent
 * single submissions) share one query: on a busy ledger the round trips to Postgres,
 * not the rows, are what a load costs.
 */
import { upcast, type EventEnvelope, type PartnershipEvent } from '@ledger/contracts';
import { initialPartnershipState, replayPartnership, type PartnershipState } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';

export interface LoadedPartnership {
  state: PartnershipState;
  /** Stream version the state reflects (0: the partnership does not exist). */
  version: number;
}

/** Streams one query brings up to date at most. */
const MAX_STREAMS_PER_LOAD = 500;

export class PartnershipRepository {
  private readonly cache: LRUCache<string, LoadedPartnership>;
  // No memoisation: every load must see what was appended since.
  private readonly loader = new DataLoader<string, LoadedPartnership>((streamIds) => this.loadMany(streamIds), {
    cache: false,
    maxBatchSize: MAX_STREAMS_PER_LOAD,
  });

  constructor(
    private readonly eventStore: Pick<EventStore, 'readStreamsAfter'>,
    cacheSize = 10_000,
  ) {
    this.cache = new LRUCache({ max: cacheSize });
  }

  load(streamId: string): Promise<LoadedPartnership> {
    return this.loader.load(streamId);
  }

  /** Keeps the state a successful append produced, so the next command skips the replay. */
  remember(streamId: string, loaded: LoadedPartnership): void {
    this.cache.set(streamId, loaded);
  }

  forget(streamId: string): void {
    this.cache.delete(streamId);
  }

  private async loadMany(streamIds: readonly string[]): Promise<LoadedPartnership[]> {
    const known = [...new Set(streamIds)].map((streamId) => ({ streamId, cached: this.cache.get(streamId) ?? { state: initialPartnershipState(), version: 0 } }));
    const newer = await this.eventStore.readStreamsAfter(known.map(({ streamId, cached }) => ({ streamId, afterVersion: cached.version })));
    const loaded = new Map(known.map(({ streamId, cached }) => [streamId, this.catchUp(streamId, cached, newer.get(streamId))]));
    return streamIds.map((streamId) => loaded.get(streamId)!);
  }

  private catchUp(streamId: string, cached: LoadedPartnership, newer: EventEnvelope[] | undefined): LoadedPartnership {
    if (!newer || newer.length === 0) return cached;
    const events = newer.map(upcast).map((envelope) => ({ type: envelope.type, data: envelope.data }) as PartnershipEvent);
    const loaded = { state: replayPartnership(events, cached.state), version: newer.at(-1)!.streamVersion };
    this.cache.set(streamId, loaded);
    return loaded;
  }
}
