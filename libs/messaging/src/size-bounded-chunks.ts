/**
 * Cuts a run of messages, in order, into consecutive chunks of at most `maxBytes` each,
 * so that no produce request carries a record batch larger than the broker accepts
 * (Kafka's `max.message.bytes`, 1 MiB by default, bounds each partition's batch). A
 * request the broker refuses as too large is refused again on every retry: without the
 * cut, one burst of events on one stream would stop the relay for good.
 *
 * A message larger than `maxBytes` on its own travels alone; whether the broker takes it
 * is the topic's limit to decide.
 */
export interface SizedMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** What a record adds to its batch besides key, value and headers (lengths, offsets, timestamps), generously. */
const RECORD_OVERHEAD_BYTES = 64;

export function recordBytes(message: SizedMessage): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(message.key) + Buffer.byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers)) bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 8;
  return bytes;
}

export function sizeBoundedChunks<M extends SizedMessage>(messages: readonly M[], maxBytes: number): M[][] {
  const chunks: M[][] = [];
  let chunk: M[] = [];
  let chunkBytes = 0;
  for (const message of messages) {
    const bytes = recordBytes(message);
    if (chunk.length > 0 && chunkBytes + bytes > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      chunkBytes = 0;
    }
    chunk.push(message);
    chunkBytes += bytes;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
