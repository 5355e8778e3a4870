/**
 * The one error type of the integrity library. Auditors' tools branch on `code`
 * (stable, dotted, e.g. `note.bad-signature`), show `message` (a sentence saying what
 * failed and where) and point at `field` (the input that was wrong), so a failed
 * verification never has to be diagnosed from a stack trace.
 */
export class IntegrityError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'IntegrityError';
  }
}
