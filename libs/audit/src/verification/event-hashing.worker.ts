/**
 * A worker thread of the `EventHashingPool`: hashes the batches it is sent, in order,
 * and answers each with its hashes, or with the failure (the pool then hashes that batch
 * on the main thread, which throws the verifiers' own error).
 */
import { parentPort } from 'node:worker_threads';
import { hashBatch } from './event-hashing';
import type { HashingReply, HashingRequest } from './event-hashing-pool';

parentPort?.on('message', ({ buffer, rows }: HashingRequest) => {
  let reply: HashingReply;
  try {
    const { hashMatches, leafHashes } = hashBatch({ buffer: Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength), rows });
    const hashes = { hashMatches, leafHashes };
    reply = { hashes };
    parentPort!.postMessage(reply, [hashes.hashMatches.buffer as ArrayBuffer, hashes.leafHashes.buffer as ArrayBuffer]);
  } catch (error) {
    reply = { failure: error instanceof Error ? error.message : String(error) };
    parentPort!.postMessage(reply);
  }
});
