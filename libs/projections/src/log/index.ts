/**
 * The ledger's committed log read in bulk with binary COPY: for rebuilds here, and for
 * the audit's verifications, exports and replays.
 */
export { copyBatches, CopyRowReader, type CopyBatch } from './copy-binary';
export {
  COMMIT_ORDER,
  committedLogCopy,
  decodeEnvelopes,
  ENVELOPE_COPY_COLUMNS,
  FINISHED_TRANSACTIONS,
  readCommittedLog,
  type CommittedCursor,
  type CommittedLogBounds,
  type DecodedEnvelopes,
} from './committed-events';
