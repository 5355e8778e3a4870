/**
 * The rows of a bulk scan of the log, decoded from binary COPY batches (see
 * `@ledger/projections`' log readers): whole envelopes (the bulk twin of the event
 * store's `toEnvelope`, which the audit's specs hold equal), leaves (position and hash),
 * and the chain links a verification checks on its main thread while the event hashes
 * are recomputed elsewhere. Each decoder reads the columns its select list names, in
 * that order, the transaction id last.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { ChainLink, LogEntry } from '@ledger/integrity';
import { CopyRowReader, decodeEnvelopes, ENVELOPE_COPY_COLUMNS, type CopyBatch } from '@ledger/projections/log';

/** Decoded items of a batch, and the transaction id of each: with its position, the item's cursor. */
export interface DecodedRows<T> {
  items: T[];
  transactionIds: string[];
}

export interface RowShape<T> {
  readonly columns: string;
  decode(batch: CopyBatch): DecodedRows<T>;
}

export const ENVELOPE_ROWS: RowShape<EventEnvelope> = {
  columns: ENVELOPE_COPY_COLUMNS,
  decode: (batch) => {
    const { envelopes, transactionIds } = decodeEnvelopes(batch);
    return { items: envelopes, transactionIds };
  },
};

export const LEAF_ROWS: RowShape<LogEntry> = {
  columns: 'global_position, hash, transaction_id',
  decode: (batch) =>
    decodeEach(batch, (reader) => {
      const globalPosition = reader.int8();
      return { globalPosition, hash: reader.text()! };
    }),
};

/**
 * Reads the envelope columns (`ENVELOPE_COPY_COLUMNS`) but decodes only what the chain
 * checks need: the content fields are skipped, for the event hash is recomputed from
 * the same batch elsewhere.
 */
export const CHAIN_LINK_ROWS: RowShape<ChainLink> = {
  columns: ENVELOPE_COPY_COLUMNS,
  decode: (batch) =>
    decodeEach(batch, (reader) => {
      const globalPosition = reader.int8();
      const eventId = reader.text()!;
      const streamId = reader.text()!;
      const streamVersion = reader.int4();
      for (let skipped = 0; skipped < CONTENT_FIELDS_BETWEEN_VERSION_AND_HASHES; skipped += 1) reader.skip();
      const prevHash = reader.text()!;
      return { globalPosition, eventId, streamId, streamVersion, prevHash, hash: reader.text()! };
    }),
};

/** type, schema_version, data, actor, source_system, correlation_id, causation_id, occurred_at, recorded_at. */
const CONTENT_FIELDS_BETWEEN_VERSION_AND_HASHES = 9;

function decodeEach<T>(batch: CopyBatch, readItem: (reader: CopyRowReader) => T): DecodedRows<T> {
  const reader = new CopyRowReader(batch.buffer);
  const items: T[] = new Array(batch.rows);
  const transactionIds: string[] = new Array(batch.rows);
  for (let row = 0; row < batch.rows; row += 1) {
    reader.nextRow();
    items[row] = readItem(reader);
    transactionIds[row] = String(reader.int8());
  }
  return { items, transactionIds };
}
