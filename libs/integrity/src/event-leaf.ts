/**
 * The leaf of one recorded event in the ledger's global Merkle log.
 *
 * Leaf data is exactly 40 bytes:
 *
 *     bytes 0..7    global position, unsigned 64-bit big-endian
 *     bytes 8..39   the event's hash (`EventEnvelope.hash`, hex-decoded SHA-256)
 *
 * and the leaf hash is RFC 6962's `SHA-256(0x00 || leaf data)`.
 *
 * The tree's leaves are the events in LOG order: the order the ledger committed them,
 * (transaction id, global position), which `EventStore.readAll` returns. The n-th event
 * of the log is leaf n-1, so a leaf index is a place in the log. Global positions are
 * unique within the log but do not increase along it: two appends to different streams
 * may commit in the other order than they took their positions (concurrent writers do
 * this often), and positions skip numbers where a transaction rolled back. So nothing
 * here or in the verifiers sorts by position or expects it to grow; a position only
 * names an event, and no two events of the log may share one.
 *
 * The event hash already commits to the event's content and its stream chain; adding
 * the position binds the event to its identity in the global log, and the leaf's index
 * binds it to its place, so moving, inserting or deleting an event, or giving it another
 * position, changes every later root even where the per-stream chains still look intact.
 */
import { IntegrityError } from './integrity-error';
import { HASH_SIZE, leafHash } from './merkle';

export const EVENT_LEAF_DATA_SIZE = 8 + HASH_SIZE;

const EVENT_HASH_PATTERN = /^[0-9a-f]{64}$/;
const TWO_TO_32 = 2 ** 32;

export function eventLeafData(globalPosition: number, eventHash: string): Buffer {
  const data = Buffer.alloc(EVENT_LEAF_DATA_SIZE);
  writeEventLeafData(data, globalPosition, eventHash);
  return data;
}

/** The RFC 6962 leaf hash of an event: what the Merkle log actually stores. */
export function eventLeafHash(globalPosition: number, eventHash: string): Buffer {
  // Runs once per event in every verification: the leaf data goes into a reused buffer.
  writeEventLeafData(reusedLeafData, globalPosition, eventHash);
  return leafHash(reusedLeafData);
}

const reusedLeafData = Buffer.alloc(EVENT_LEAF_DATA_SIZE);

function writeEventLeafData(target: Buffer, globalPosition: number, eventHash: string): void {
  if (!Number.isSafeInteger(globalPosition) || globalPosition < 0) {
    throw new IntegrityError(
      'leaf.invalid-position',
      `Global position ${globalPosition} is not a whole number from 0 to 2^53-1.`,
      'globalPosition',
    );
  }
  if (!EVENT_HASH_PATTERN.test(eventHash)) {
    throw new IntegrityError(
      'leaf.invalid-event-hash',
      `Event hash "${eventHash}" at position ${globalPosition} is not 64 lowercase hex digits.`,
      'eventHash',
    );
  }
  // Two 32-bit halves: positions above 2^32 stay exact without BigInt.
  target.writeUInt32BE(Math.floor(globalPosition / TWO_TO_32), 0);
  target.writeUInt32BE(globalPosition % TWO_TO_32, 4);
  target.write(eventHash, 8, 'hex');
}
