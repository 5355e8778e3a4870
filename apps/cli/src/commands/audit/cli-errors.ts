/**
 * The audit library's expected failures (a range naming no event, a schema that
 * exists, a malformed key) are the person's to fix: they leave as one `CliError` line
 * with the library's sentence and code, not as an "unexpected failure".
 */
import { IntegrityError } from '@ledger/integrity';
import { CliError } from '../../cli-error';

export function withCliErrors<Args extends unknown[]>(action: (...args: Args) => Promise<void>): (...args: Args) => Promise<void> {
  return async (...args) => {
    try {
      await action(...args);
    } catch (error) {
      // Loaded here, not above: the audit library brings the database drivers, which most commands never need.
      const { AuditError } = await import('@ledger/audit');
      if (error instanceof AuditError || error instanceof IntegrityError) throw new CliError(`${error.message} [${error.code}]`);
      throw error;
    }
  };
}
