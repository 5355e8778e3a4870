/**
 * The error a projection raises for an event it cannot place in its views. Views must
 * be complete, so such an event stops the projection with a clear reason rather than
 * being skipped: a stable code, a sentence, and the envelope field at fault.
 */
export type ProjectionErrorCode =
  | 'projection.unknown-event-type'
  | 'projection.unsupported-schema-version'
  | 'projection.not-a-partnership-stream'
  | 'projection.invalid-period';

export class ProjectionError extends Error {
  override readonly name = 'ProjectionError';

  constructor(
    readonly code: ProjectionErrorCode,
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}
