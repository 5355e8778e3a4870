/**
 * Runs tasks that share a key one after another, and tasks with different keys
 * concurrently. The ledger uses it per stream: two requests for the same partnership
 * in one process then never race each other into an optimistic-concurrency conflict.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task queued or running; lets tests and metrics see it drain. */
  get activeKeys(): number {
    return this.tails.size;
  }
}
