/**
 * The projection runtime: what keeps a projection schema current from the ledger
 * topic exactly once, reports its lag, and rebuilds it beside the live one without
 * downtime. Framework-free (kafkajs, pg, TypeORM): the projector services wire it.
 */
export { ProjectorError, type ProjectorErrorCode } from './projector-error';
export { ProjectorRuntime, type CatchUpReport, type ProjectorSettings, type ReadinessProbe } from './projector-runtime';
export { ProjectionConsumer, type ConsumerState, type ConsumerStatus, type ProjectionConsumerOptions } from './projection-consumer';
export { eventStoreGapReader, ProjectionWriter, type ProjectionWriterOptions, type WriteOutcome } from './projection-writer';
export { ProjectionLagProbe, type PartitionLag, type ProjectionLag, type ProjectionLagProbeOptions } from './projection-lag';
export { ProjectionRebuilder, Rebuild, type ProjectionRebuilderOptions } from './projection-rebuilder';
export type { RebuildProgress, RebuildState } from './rebuild-progress';
export { RebuildTracker } from './rebuild-tracker';
export { describeProgress, runRebuildCommand, type RebuildCommandSettings } from './rebuild-command';
export type { AfterSwitchHook, SwitchContext } from './schema-switch';
export { migrateProjection, projectorMigrations } from './projection-migrations';
export { CONSUMER_OFFSETS_TABLE, STREAM_POSITIONS_TABLE, type PartitionProgress } from './checkpoints';
export { decodeEnvelope, type MessageAddress } from './envelope-decoder';
export { eventsToApply, planStreamUpdates, type BatchStep, type GapReader, type StreamGap, type StreamPlan } from './stream-plan';
export {
  comparableTables,
  compareSchemas,
  describeComparison,
  type RowDifference,
  type SchemaComparison,
  type TableComparison,
} from './schema-comparison';
export { PROJECTOR_ENVIRONMENT, ProjectorConfig, projectorSettings, type ProjectedView } from './projector-config';
