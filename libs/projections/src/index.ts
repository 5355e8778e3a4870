/**
 * The ownership and reporting views: pure projections (event in, row changes out),
 * the applier that writes row changes in batches, and the migrations that create each
 * projection's tables and SQL views in its schema; the runtime that keeps them current
 * (framework-free), and the NestJS wiring of the projector services over it.
 */
export * from './row-changes/row-change';
export { RowChangeApplier, type QueryFunction } from './row-changes/row-change-applier';
export type { Projector } from './facts/compose-projector';
export { ProjectionError, type ProjectionErrorCode } from './facts/projection-error';
export type { MigrationClass } from './sql/migration';
export { HEALTH_SCORE_FORMULA } from './reporting/health.view';
export { migrationsTableName, runProjectionMigrations, type Projection } from './projection';
export {
  OWNERSHIP_MIGRATIONS,
  OWNERSHIP_MIGRATIONS_TABLE,
  OWNERSHIP_PROJECTION,
  OWNERSHIP_SCHEMA,
  OWNERSHIP_TABLES,
  OWNERSHIP_VIEWS,
  ownershipProjection,
  projectOwnership,
} from './ownership/ownership.projection';
export {
  REPORTING_MIGRATIONS,
  REPORTING_MIGRATIONS_TABLE,
  REPORTING_PROJECTION,
  REPORTING_SCHEMA,
  REPORTING_TABLES,
  REPORTING_VIEWS,
  projectReporting,
  reportingProjection,
} from './reporting/reporting.projection';
export * from './runtime';
export * from './log';
export * from './service';
export { sampleQuestion, SAMPLE_QUESTIONS, type SampleQuestion, type SampleQuestionParameter } from './queries/sample-questions';
