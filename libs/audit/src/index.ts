/**
 * The auditor's side of the ledger: the global log in commit order, signed checkpoints
 * that seal it (and the proofs that go with them), history and as-of state, the
 * verification of chains and checkpoints, offline-verifiable exports, and replays onto
 * a topic or into a fresh projection. Framework-free (TypeORM, pg, kafkajs): the audit
 * service and `ledgerctl audit` wire it.
 */
export { AuditError, type AuditErrorKind } from './audit-error';
export { CommittedLog, START_OF_LOG, type LogCursor, type LogPage, type LogScan } from './log/committed-log';
export { AUDIT_MIGRATIONS, AUDIT_MIGRATIONS_TABLE, migrateAuditSchema } from './schema/audit-migrations';
export { loadSigningKeys, verifierKeyOf, type SigningKeys, type SigningKeySource } from './sealing/signing-key';
export { CheckpointStore, type StoredCheckpoint, type TreeState } from './sealing/checkpoint-store';
export { Sealer, type SealerOptions, type SealOutcome } from './sealing/sealer';
export { SealSchedule, type SealScheduleOptions } from './sealing/seal-schedule';
export { LedgerProofs, type ConsistencyProofAnswer, type InclusionProofAnswer } from './proofs/ledger-proofs';
export { AuditHistory, type HistoryFilter, type LogHistoryPage, type StreamHistoryPage } from './history/audit-history';
export { eventsAsOf, PartnershipTimeline, type Moment, type PartnershipAsOf, type PartnershipDiff, type TimeAxis } from './as-of/partnership-as-of';
export { structuralDiff, type PathSegment, type StateChange } from './as-of/structural-diff';
export { ledgerOrigin, verifyLedger, type LedgerVerificationOptions } from './verification/ledger-verification';
export { parseResumePoint, type ResumePoint } from './verification/resume-point';
export type * from './verification/verification-result';
export { resolveRange, type RangeRequest, type ResolvedRange } from './export/log-range';
export { LedgerExporter, type ExportProgress, type LedgerIdentity, type LineSink } from './export/ledger-exporter';
export { EXPORT_EVENTS_FILE, EXPORT_MANIFEST_FILE, readExportPages, verifyExportDirectory, writeExportDirectory } from './export/export-directory';
export { replayToTopic, type TopicReplayOptions, type TopicReplayOutcome } from './replay/topic-replay';
export { assertReplayTopic, REPLAY_TOPIC_PATTERN, REPLAY_TOPIC_RULE } from './replay/replay-topic';
export {
  compareWithLive,
  eventStoreGaps,
  historyPages,
  isReplayableProjection,
  refuseGaps,
  REPLAYABLE_PROJECTIONS,
  replayIntoProjection,
  type ProjectionReplayOptions,
  type ReplayableProjection,
} from './replay/projection-replay';
