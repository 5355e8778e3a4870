/**
 * The costly half of verifying a batch of the log: every event's hash recomputed from
 * its content (RFC 8785 form and SHA-256, `computeEventHash`) and compared with the
 * recorded one, and every event's Merkle leaf hash (`eventLeafHash`). Pure and
 * independent from event to event, so it can run in worker threads while the main
 * thread does the order-dependent checks (chain links, the tree, the checkpoints).
 *
 * The batch is binary COPY rows of `ENVELOPE_COPY_COLUMNS`, decoded exactly as the
 * event store's `toEnvelope` reads them.
 *
 * It runs in worker threads, each loading its imports anew: hence the committed log's own
 * entry point (`@ledger/projections/log`), not the library's, which brings NestJS, TypeORM
 * and kafkajs along (tests/architecture/hashing-worker-imports.unit.spec.ts).
 */
import type { EventEnvelope } from '@ledger/contracts';
import { computeEventHash, eventLeafHash, HASH_SIZE } from '@ledger/integrity';
import { decodeEnvelopes, type CopyBatch } from '@ledger/projections/log';

export interface BatchHashes {
  /** Per row, 1 when the event hashes to its recorded hash, else 0. */
  readonly hashMatches: Uint8Array;
  /** Per row, its 32-byte leaf hash, one after the other. */
  readonly leafHashes: Uint8Array;
}

/** The hashes, and the events they were computed from (which a worker does not send back). */
export interface HashedBatch extends BatchHashes {
  readonly events: readonly EventEnvelope[];
  readonly transactionIds: readonly string[];
}

/** Throws as the verifiers do on an event that cannot be hashed (e.g. a hash that is no hex). */
export function hashBatch(batch: CopyBatch): HashedBatch {
  const { envelopes, transactionIds } = decodeEnvelopes(batch);
  const hashMatches = new Uint8Array(envelopes.length);
  const leafHashes = new Uint8Array(envelopes.length * HASH_SIZE);
  for (let row = 0; row < envelopes.length; row += 1) {
    const event = envelopes[row]!;
    hashMatches[row] = computeEventHash(event.prevHash, event) === event.hash ? 1 : 0;
    leafHashes.set(eventLeafHash(event.globalPosition, event.hash), row * HASH_SIZE);
  }
  return { hashMatches, leafHashes, events: envelopes, transactionIds };
}
