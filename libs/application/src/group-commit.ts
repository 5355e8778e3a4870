/**
 * Group commit: appends that arrive while a transaction is in flight wait for the next
 * one and share it, so sixty-four concurrent single-event submissions cost a handful of
 * commits (and fsyncs) instead of sixty-four. An idle ledger pays nothing: the first
 * append starts a transaction at once (after the current turn of the event loop, so
 * what is handed in during the same turn goes in together).
 *
 * A chain - appends of one stream, each decided on the state the one before leaves - is
 * never split across transactions, so the event store can refuse the rest of a chain
 * whose first link was refused (see `planAppends`).
 *
 * Several groups may be in flight at once, each on its own connection. Two groups
 * holding appends to the same stream could commit in either order, and the later
 * append would then meet a head it did not expect; so a chain whose stream is in a
 * group in flight waits for that group, and every chain after it for the same stream
 * waits behind it: one stream's appends are written in the order they were handed in.
 */
import type { AppendOutcome, AppendRequest, EventStore } from '@ledger/event-store';

export interface GroupCommitOptions {
  /** Most appends in one transaction (a longer chain still goes in one, alone). */
  maxGroupSize?: number;
  /** Most transactions in flight at once. */
  maxGroupsInFlight?: number;
}

export const DEFAULT_MAX_GROUP_SIZE = 1000;
export const DEFAULT_MAX_GROUPS_IN_FLIGHT = 4;

interface WaitingChain {
  requests: readonly AppendRequest[];
  streamIds: ReadonlySet<string>;
  resolve: (outcomes: AppendOutcome[]) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private queue: WaitingChain[] = [];
  /** Streams with an append in a group in flight (never more than one group per stream). */
  private readonly streamsInFlight = new Set<string>();
  private groupsInFlight = 0;
  private pumpScheduled = false;
  private readonly maxGroupSize: number;
  private readonly maxGroupsInFlight: number;

  constructor(
    private readonly eventStore: Pick<EventStore, 'appendMany'>,
    options: GroupCommitOptions = {},
  ) {
    this.maxGroupSize = options.maxGroupSize ?? DEFAULT_MAX_GROUP_SIZE;
    this.maxGroupsInFlight = options.maxGroupsInFlight ?? DEFAULT_MAX_GROUPS_IN_FLIGHT;
    if (!(this.maxGroupSize >= 1 && this.maxGroupsInFlight >= 1)) {
      throw new Error('A group commit needs room for at least one append and one transaction.');
    }
  }

  /** One append; settles with its own outcome, and rejects only when its whole transaction failed unexpectedly. */
  async append(request: AppendRequest): Promise<AppendOutcome> {
    const [outcome] = await this.appendChain([request]);
    return outcome!;
  }

  /** Appends that build on each other, written in one transaction, answered in order. */
  appendChain(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    if (requests.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      this.queue.push({ requests, streamIds: new Set(requests.map((request) => request.streamId)), resolve, reject });
      this.schedulePump();
    });
  }

  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.groupsInFlight < this.maxGroupsInFlight) {
      const group = this.takeGroup();
      if (group.length === 0) return;
      void this.commit(group);
    }
  }

  /** The next group: queued chains in order, passing over any whose stream must wait. */
  private takeGroup(): WaitingChain[] {
    const group: WaitingChain[] = [];
    const left: WaitingChain[] = [];
    const mustWait = new Set(this.streamsInFlight);
    let size = 0;
    for (const chain of this.queue) {
      const fits = size === 0 || size + chain.requests.length <= this.maxGroupSize;
      if (fits && ![...chain.streamIds].some((streamId) => mustWait.has(streamId))) {
        group.push(chain);
        size += chain.requests.length;
      } else {
        left.push(chain);
      }
      // A stream with a chain in this group or left behind: its later chains wait too.
      for (const streamId of chain.streamIds) mustWait.add(streamId);
    }
    this.queue = left;
    return group;
  }

  private async commit(group: WaitingChain[]): Promise<void> {
    const streamIds = group.flatMap((chain) => [...chain.streamIds]);
    this.groupsInFlight += 1;
    for (const streamId of streamIds) this.streamsInFlight.add(streamId);
    try {
      const outcomes = await this.eventStore.appendMany(group.flatMap((chain) => chain.requests));
      let offset = 0;
      for (const chain of group) {
        chain.resolve(outcomes.slice(offset, offset + chain.requests.length));
        offset += chain.requests.length;
      }
    } catch (error) {
      for (const chain of group) chain.reject(error);
    } finally {
      this.groupsInFlight -= 1;
      for (const streamId of streamIds) this.streamsInFlight.delete(streamId);
      if (this.queue.length > 0) this.pump();
    }
  }
}
