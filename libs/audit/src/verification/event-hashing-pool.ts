/**
 * Runs `hashBatch` on worker threads, so a verification uses every core: the main
 * thread reads the log and checks chains and checkpoints while the workers recompute
 * hashes. Batches go to the workers in turn and their answers come back in the order
 * asked. With no threads (or where the compiled worker script is absent: specs run the
 * TypeScript sources) the batches are hashed on the calling thread, with the same result.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CopyBatch } from '@ledger/projections/log';
import { hashBatch, type BatchHashes, type HashedBatch } from './event-hashing';

export interface HashingRequest {
  readonly buffer: Uint8Array;
  readonly rows: number;
}

export type HashingReply = { readonly hashes: BatchHashes } | { readonly failure: string };

interface PendingBatch {
  readonly batch: CopyBatch;
  resolve(hashes: BatchHashes): void;
  reject(error: unknown): void;
}

interface HashingThread {
  readonly worker: Worker;
  readonly pending: PendingBatch[];
}

const WORKER_SCRIPT = join(__dirname, 'event-hashing.worker.js');

export class EventHashingPool {
  private next = 0;

  private constructor(private readonly threads: HashingThread[]) {}

  /** `threads` workers; none (hash on the calling thread) when 0 or when the worker script is not built. */
  static start(threads: number): EventHashingPool {
    const count = existsSync(WORKER_SCRIPT) ? Math.max(0, Math.floor(threads)) : 0;
    return new EventHashingPool(Array.from({ length: count }, () => startThread()));
  }

  /** How many batches may usefully be in flight at once. */
  get parallelism(): number {
    return this.threads.length;
  }

  /** The batch's hashes; hashed on this thread, with the events it decoded for them. */
  hash(batch: CopyBatch): Promise<BatchHashes | HashedBatch> {
    if (this.threads.length === 0) return Promise.resolve().then(() => hashBatch(batch));
    const thread = this.threads[this.next]!;
    this.next = (this.next + 1) % this.threads.length;
    return new Promise((resolve, reject) => {
      thread.pending.push({ batch, resolve, reject });
      const request: HashingRequest = { buffer: batch.buffer, rows: batch.rows };
      thread.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map(({ worker }) => worker.terminate()));
  }
}

function startThread(): HashingThread {
  const thread: HashingThread = { worker: new Worker(WORKER_SCRIPT), pending: [] };
  thread.worker.on('message', (reply: HashingReply) => {
    const pending = thread.pending.shift();
    if (!pending) return;
    if ('hashes' in reply) {
      pending.resolve(reply.hashes);
      return;
    }
    // The worker could not hash it: hashing here again throws the verifiers' own error.
    try {
      pending.resolve(hashBatch(pending.batch));
    } catch (error) {
      pending.reject(error);
    }
  });
  thread.worker.on('error', (error) => {
    for (const pending of thread.pending.splice(0)) pending.reject(error);
  });
  return thread;
}
