import type { AppendOutcome, AppendRequest } from '@ledger/event-store';
import { GroupCommit } from './group-commit';

/** An event store whose transactions finish when the test says so, recording what each one held. */
class ControlledStore {
  readonly groups: string[][] = [];
  private readonly finishers: Array<(failure?: Error) => void> = [];

  appendMany(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    this.groups.push(requests.map(label));
    return new Promise((resolve, reject) => {
      this.finishers.push((failure) => {
        if (failure) reject(failure);
        else resolve(requests.map((request) => ({ ok: true, result: { streamId: request.streamId, streamVersion: 1, events: [], replayed: false } })));
      });
    });
  }

  get inFlight(): number {
    return this.finishers.length;
  }

  /** Finishes the oldest transaction in flight. */
  async finishOldest(failure?: Error): Promise<void> {
    this.finishers.shift()!(failure);
    await turn();
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const label = (request: AppendRequest) => `${request.streamId}@${request.expectedVersion}`;
const appendTo = (streamId: string, expectedVersion = 0): AppendRequest => ({ streamId, expectedVersion, events: [] });

describe('GroupCommit', () => {
  it('writes appends handed in during the same turn in one transaction', async () => {
    const store = new ControlledStore();
    const commit = new GroupCommit(store);
    const appended = [commit.append(appendTo('a')), commit.append(appendTo('b')), commit.append(appendTo('c'))];
    await turn();
    expect(store.groups).toEqual([['a@0', 'b@0', 'c@0']]);
    await store.finishOldest();
    expect((await Promise.all(appended)).map((outcome) => outcome.ok)).toEqual([true, true, true]);
  });

  it('starts an idle transaction at once, and gathers what arrives meanwhile into the next', async () => {
    const store = new ControlledStore();
    const commit = new GroupCommit(store, { maxGroupsInFlight: 1 });
    void commit.append(appendTo('a'));
    await turn();
    void commit.append(appendTo('b'));
    void commit.append(appendTo('c'));
    await turn();
    expect(store.groups).toEqual([['a@0']]);
    await store.finishOldest();
    expect(store.groups).toEqual([['a@0'], ['b@0', 'c@0']]);
  });

  it('runs several transactions at once, up to the limit', async () => {
    const store = new ControlledStore();
    const commit = new GroupCommit(store, { maxGroupSize: 1, maxGroupsInFlight: 2 });
    for (const stream of ['a', 'b', 'c']) void commit.append(appendTo(stream));
    await turn();
    expect(store.inFlight).toBe(2);
    await store.finishOldest();
    expect(store.groups).toEqual([['a@0'], ['b@0'], ['c@0']]);
  });

  it('holds an append back while its stream is in a transaction in flight, and keeps the stream in order', async () => {
    const store = new ControlledStore();
    const commit = new GroupCommit(store, { maxGroupsInFlight: 4 });
    void commit.append(appendTo('a', 0));
    await turn();
    void commit.append(appendTo('a', 1));
    void commit.append(appendTo('b', 0));
    void commit.append(appendTo('a', 2));
    await turn();
    expect(store.groups).toEqual([['a@0'], ['b@0']]);
    await store.finishOldest();
    expect(store.groups).toEqual([['a@0'], ['b@0'], ['a@1']]);
    await store.finishOldest();
    await store.finishOldest();
    expect(store.groups.at(-1)).toEqual(['a@2']);
  });

  it('never splits a chain, even one longer than a group', async () => {
    const store = new ControlledStore();
    const commit = new GroupCommit(store, { maxGroupSize: 2, maxGroupsInFlight: 4 });
    void commit.append(appendTo('x'));
    void commit.appendChain([appendTo('a', 0), appendTo('a', 1), appendTo('a', 2)]);
    void commit.append(appendTo('y'));
    await turn();
    expect(store.groups).toEqual([['x@0', 'y@0'], ['a@0', 'a@1', 'a@2']]);
  });

  it('answers each chain with its own outcomes, in order', async () => {
    const store = new ControlledStore();
    const commit = new GroupCommit(store);
    const first = commit.appendChain([appendTo('a', 0), appendTo('a', 1)]);
    const second = commit.appendChain([appendTo('b', 0)]);
    await turn();
    await store.finishOldest();
    expect((await first).map((outcome) => outcome.ok && outcome.result.streamId)).toEqual(['a', 'a']);
    expect((await second).map((outcome) => outcome.ok && outcome.result.streamId)).toEqual(['b']);
  });

  it('fails every append of a transaction that failed as a whole, and goes on with the next', async () => {
    const store = new ControlledStore();
    const commit = new GroupCommit(store, { maxGroupsInFlight: 1 });
    const failing = [commit.append(appendTo('a')), commit.append(appendTo('b'))];
    await turn();
    const later = commit.append(appendTo('c'));
    await store.finishOldest(new Error('connection lost'));
    await Promise.all(failing.map((append) => expect(append).rejects.toThrow('connection lost')));
    await store.finishOldest();
    await expect(later).resolves.toMatchObject({ ok: true });
  });

  it('refuses a configuration with no room', () => {
    expect(() => new GroupCommit(new ControlledStore(), { maxGroupSize: 0 })).toThrow('at least one');
  });
});
