/**
 * Loads a partnership's current state for a decision: the cached state plus whatever
 * the event store holds beyond it. Reading only the newer events keeps a long-lived
 * partnership cheap to decide on, while another instance's appends are never missed.
 */
import { upcast, type PartnershipEvent } from '@ledger/contracts';
import { initialPartnershipState, replayPartnership, type PartnershipState } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { LRUCache } from 'lru-cache';

export interface LoadedPartnership {
  state: PartnershipState;
  /** Stream version the state reflects (0: the partnership does not exist). */
  version: number;
}

export class PartnershipRepository {
  private readonly cache: LRUCache<string, LoadedPartnership>;

  constructor(
    private readonly eventStore: EventStore,
    cacheSize = 10_000,
  ) {
    this.cache = new LRUCache({ max: cacheSize });
  }

  async load(streamId: string): Promise<LoadedPartnership> {
    const cached = this.cache.get(streamId) ?? { state: initialPartnershipState(), version: 0 };
    const newer = await this.eventStore.readStream(streamId, { fromVersion: cached.version + 1 });
    if (newer.length === 0) return cached;
    const events = newer.map(upcast).map((envelope) => ({ type: envelope.type, data: envelope.data }) as PartnershipEvent);
    const loaded = { state: replayPartnership(events, cached.state), version: (newer.at(-1) as { streamVersion: number }).streamVersion };
    this.cache.set(streamId, loaded);
    return loaded;
  }

  /** Keeps the state a successful append produced, so the next command skips the replay. */
  remember(streamId: string, loaded: LoadedPartnership): void {
    this.cache.set(streamId, loaded);
  }

  forget(streamId: string): void {
    this.cache.delete(streamId);
  }
}
