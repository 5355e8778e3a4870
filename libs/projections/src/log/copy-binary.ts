/**
 * Reads the output of `COPY (...) TO STDOUT (FORMAT binary)` without a row object per
 * row: the stream is cut into batches of whole rows (one buffer each, about
 * `batchBytes` long), and a `CopyRowReader` walks a batch field by field. Bulk readers
 * of the ledger (a projection rebuild, a verification) read a million rows this way at
 * a fraction of what the row-by-row protocol with text values costs: the server sends
 * integers and times in binary, text as it is stored, and no value is converted twice.
 *
 * The format (PostgreSQL docs, "COPY: Binary Format"): an 11-byte signature, a 32-bit
 * flags field and a header extension; then per row a 16-bit field count and, per
 * field, a 32-bit length (-1 for NULL) and the value's bytes; a field count of -1 ends
 * the data.
 */
import type { Readable } from 'node:stream';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_FIXED_SIZE = SIGNATURE.length + 8;
const END_OF_DATA = -1;
/**
 * Small enough that a batch's buffers are garbage while still young, so a reader of a
 * million events holds fewer of them between full collections: `ledgerctl audit verify`
 * over a million events peaked at 294-305 MB with 1 MB batches and 4 MB read ahead, and
 * at 231-235 MB with these, in no more time (16.2-20.8 s against 19.2-21.1 s).
 */
const DEFAULT_BATCH_BYTES = 128 << 10;

/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01T00:00:00Z). */
const POSTGRES_EPOCH_MILLISECONDS = 946_684_800_000;
const TWO_TO_32 = 2 ** 32;

/** Whole rows, in order: `rows` of them in `buffer`. */
export interface CopyBatch {
  readonly buffer: Buffer;
  readonly rows: number;
}

/** Batches of whole rows from a binary COPY stream, in order. */
export async function* copyBatches(stream: Readable, batchBytes = DEFAULT_BATCH_BYTES): AsyncGenerator<CopyBatch> {
  let finished = false;
  try {
    yield* batchesOf(stream, batchBytes);
    finished = true;
  } finally {
    // A reader that stops early stops the stream too; its connection is then the caller's to close.
    if (!finished) stream.destroy();
  }
}

async function* batchesOf(stream: Readable, batchBytes: number): AsyncGenerator<CopyBatch> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let headerRead = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < batchBytes) continue;
    let buffer = Buffer.concat(pending, pendingBytes);
    if (!headerRead) {
      const start = headerLength(buffer);
      if (start === null) continue;
      buffer = buffer.subarray(start);
      headerRead = true;
    }
    const { end, rows } = wholeRows(buffer);
    if (rows > 0) yield { buffer: buffer.subarray(0, end), rows };
    pending = [buffer.subarray(end)];
    pendingBytes = buffer.length - end;
  }
  let rest = Buffer.concat(pending, pendingBytes);
  if (!headerRead) rest = rest.subarray(headerLength(rest) ?? failTruncated());
  const { end, rows, finished } = wholeRows(rest);
  if (!finished) failTruncated();
  if (rows > 0) yield { buffer: rest.subarray(0, end), rows };
}

/** Walks the rows of a batch in order, one field at a time. */
export class CopyRowReader {
  private offset = 0;

  constructor(private readonly buffer: Buffer) {}

  /** Starts the next row; answers its field count. */
  nextRow(): number {
    const fields = this.buffer.readInt16BE(this.offset);
    this.offset += 2;
    return fields;
  }

  /** The next field's bytes; null for NULL. Shares memory with the batch. */
  bytes(): Buffer | null {
    const length = this.length();
    if (length < 0) return null;
    const start = this.offset;
    this.offset += length;
    return this.buffer.subarray(start, start + length);
  }

  /** A text-like field (text, char, varchar, `::text`) as a string; null for NULL. */
  text(): string | null {
    const length = this.length();
    if (length < 0) return null;
    const start = this.offset;
    this.offset += length;
    return this.buffer.toString('utf8', start, start + length);
  }

  int4(): number {
    this.expectLength(4);
    const value = this.buffer.readInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** An int8 (or xid8) as a number: exact up to 2^53. */
  int8(): number {
    this.expectLength(8);
    const value = this.buffer.readInt32BE(this.offset) * TWO_TO_32 + this.buffer.readUInt32BE(this.offset + 4);
    this.offset += 8;
    return value;
  }

  /** A timestamptz as Unix epoch milliseconds, rounded down as a JavaScript `Date` holds it. */
  timestampMilliseconds(): number {
    const microseconds = this.int8();
    return Math.floor(microseconds / 1000) + POSTGRES_EPOCH_MILLISECONDS;
  }

  /** A jsonb value's text (the binary form is a version byte, then the text). */
  jsonbText(): string {
    const length = this.length();
    if (length < 1) throw new Error(`A jsonb field of ${length} bytes has no version byte.`);
    const start = this.offset;
    this.offset += length;
    return this.buffer.toString('utf8', start + 1, start + length);
  }

  skip(): void {
    const length = this.length();
    if (length > 0) this.offset += length;
  }

  private length(): number {
    const length = this.buffer.readInt32BE(this.offset);
    this.offset += 4;
    return length;
  }

  private expectLength(expected: number): void {
    const length = this.buffer.readInt32BE(this.offset);
    if (length !== expected) throw new Error(`Expected a binary field of ${expected} bytes, got ${length}.`);
    this.offset += 4;
  }
}

/** Where the rows start, or null while the header is incomplete. */
function headerLength(buffer: Buffer): number | null {
  if (buffer.length < HEADER_FIXED_SIZE) return null;
  if (!buffer.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('The COPY stream is not in the binary format.');
  const length = HEADER_FIXED_SIZE + buffer.readUInt32BE(SIGNATURE.length + 4);
  return buffer.length < length ? null : length;
}

/** The end of the last whole row in `buffer`, how many rows precede it, and whether the end-of-data mark follows. */
function wholeRows(buffer: Buffer): { end: number; rows: number; finished: boolean } {
  let offset = 0;
  let rows = 0;
  while (offset + 2 <= buffer.length) {
    const fields = buffer.readInt16BE(offset);
    if (fields === END_OF_DATA) return { end: offset, rows, finished: true };
    let cursor = offset + 2;
    for (let field = 0; field < fields && cursor !== -1; field += 1) {
      if (cursor + 4 > buffer.length) cursor = -1;
      else cursor += 4 + Math.max(0, buffer.readInt32BE(cursor));
    }
    if (cursor === -1 || cursor > buffer.length) break;
    offset = cursor;
    rows += 1;
  }
  return { end: offset, rows, finished: false };
}

function failTruncated(): never {
  throw new Error('The COPY stream ended in the middle of a row, before its end-of-data mark.');
}
