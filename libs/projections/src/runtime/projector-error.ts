/**
 * The errors of the projection runtime: a stable code a caller can branch on, a
 * sentence an operator can act on, and the field at fault. A projector that meets
 * one of them stops rather than skip an event, because a view built on a hole
 * would answer wrongly without anyone noticing.
 */
export type ProjectorErrorCode =
  | 'projector.undecodable-message'
  | 'projector.gap-not-fillable'
  | 'projector.rebuild-in-progress'
  | 'projector.rebuild-not-found';

export class ProjectorError extends Error {
  override readonly name = 'ProjectorError';

  constructor(
    readonly code: ProjectorErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
