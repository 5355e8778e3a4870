/**
 * An error meant for the person at the terminal: its message is one complete sentence
 * saying what went wrong and what to do, printed as is, without a stack trace.
 */
export class CliError extends Error {
  override readonly name = 'CliError';
}
