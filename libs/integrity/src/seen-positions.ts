/**
 * The global positions a verification has met so far, to catch two events claiming one
 * position. Positions are unique in the log but do not increase along it (see
 * event-leaf.ts), so remembering the last one is not enough. They come from one
 * database sequence, though: nearly in order, with few gaps. A bitmap in blocks of
 * 1,024 positions therefore holds a million-event log in about a quarter of a megabyte,
 * where a `Set` would take tens of megabytes and stop growing at 2^24 entries.
 */
const POSITIONS_PER_BLOCK = 1024;
const WORDS_PER_BLOCK = POSITIONS_PER_BLOCK / 32;

export class SeenPositions {
  private readonly blocks = new Map<number, Uint32Array>();

  /** Notes `position` (a whole number from 0); false when it had been noted before. */
  add(position: number): boolean {
    const blockIndex = Math.floor(position / POSITIONS_PER_BLOCK);
    let block = this.blocks.get(blockIndex);
    if (block === undefined) {
      block = new Uint32Array(WORDS_PER_BLOCK);
      this.blocks.set(blockIndex, block);
    }
    const offset = position - blockIndex * POSITIONS_PER_BLOCK;
    const word = offset >>> 5;
    const bit = 1 << (offset & 31);
    if ((block[word]! & bit) !== 0) return false;
    block[word] = block[word]! | bit;
    return true;
  }
}
