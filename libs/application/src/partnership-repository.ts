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
export interface PartnershipRepositoryOptions {
  /** Partnerships whose decided state is kept in memory at most. */
  cachedPartnerships?: number;
  /**
   * Events those states add up to at most (a state costs memory in proportion to the
   * entries its history made, around 200 bytes each): the cache's real bound, since one
   * partnership may hold a million observations and another ten. A partnership whose
   * history alone exceeds it is decided on a fresh load every time.
   */
  cachedEvents?: number;
  /**
   * Events one catch-up query reads at most, shared between its streams: loading many
   * long histories at once, as after a restart, goes page by page instead of holding
   * every event of every stream in memory together.
   */
  eventsPerLoadQuery?: number;
}

export class PartnershipRepository {
  private readonly cache: LRUCache<string, LoadedPartnership>;
  // No memoisation: every load must see what was appended since.
  private readonly loader = new DataLoader<string, LoadedPartnership>((streamIds) => this.loadMany(streamIds), {
    cache: false,
    maxBatchSize: MAX_STREAMS_PER_LOAD,
  });

  private readonly eventsPerLoadQuery: number;

  constructor(
    private readonly eventStore: Pick<EventStore, 'readStreamsAfter'>,
    { cachedPartnerships = 10_000, cachedEvents = 1_000_000, eventsPerLoadQuery = 10_000 }: PartnershipRepositoryOptions = {},
  ) {
    this.cache = new LRUCache({ max: cachedPartnerships, maxSize: cachedEvents, sizeCalculation: ({ version }) => Math.max(1, version) });
    this.eventsPerLoadQuery = eventsPerLoadQuery;
  }

  /** The partnership as of the store's latest event. */
  load(streamId: string): Promise<LoadedPartnership> {
    return this.loader.load(streamId);
  }

  /**
   * The state this process last loaded or left the partnership in, without asking the
   * store; another process may have appended since, so only a caller whose append names
   * the version (and is refused if it is stale) may decide on it.
   */
  lastKnown(streamId: string): LoadedPartnership | undefined {
    return this.cache.get(streamId);
  }

  /** Keeps the state a successful append produced, so the next command skips the replay. */
  remember(streamId: string, loaded: LoadedPartnership): void {
    this.cache.set(streamId, loaded);
  }

  forget(streamId: string): void {
    this.cache.delete(streamId);
  }

  private async loadMany(streamIds: readonly string[]): Promise<LoadedPartnership[]> {
    const loaded = new Map([...new Set(streamIds)].map((streamId) => [streamId, this.cache.get(streamId) ?? { state: initialPartnershipState(), version: 0 }]));
    let behind = [...loaded.keys()];
    while (behind.length > 0) {
      const perStream = Math.max(1, Math.floor(this.eventsPerLoadQuery / behind.length));
      const newer = await this.eventStore.readStreamsAfter(
        behind.map((streamId) => ({ streamId, afterVersion: loaded.get(streamId)!.version })),
        perStream,
      );
      for (const streamId of behind) loaded.set(streamId, this.catchUp(streamId, loaded.get(streamId)!, newer.get(streamId)));
      // A full page may have more behind it.
      behind = behind.filter((streamId) => newer.get(streamId)?.length === perStream);
    }
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
