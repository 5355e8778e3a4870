/**
 * Test support for anything that consumes the ledger's events: a history builder with
 * consistent positions, versions, times and hash chain, and a realistic first quarter
 * of three partnerships. Kept out of the library's public index, as `libs/domain` does.
 */
export { LedgerHistoryBuilder, PartnershipStream, type RecordOptions } from './ledger-history-builder';
export { alignmentQuarterHistory, quarterCopies, MKT_FINANCE, MKT_IT, MKT_SALES, ScenarioPlan, type PlannedEvent } from './scenario';
