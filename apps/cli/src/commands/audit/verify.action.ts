/**
 * What `ledgerctl audit verify` does: verifies the ledger from its database with the
 * trusted key, resuming from (and saving to) the local state file, and prints the
 * verdict on standard output; a ledger that is not intact ends with exit code 1.
 */
import { ledgerOrigin, verifyLedger, type LedgerVerificationResult } from '@ledger/audit';
import { CliError } from '../../cli-error';
import type { CliContext } from '../command-group';
import { formatLedgerVerdict } from './format-verdicts';
import { withLedgerDatabase, type LedgerDatabase } from './ledger-database';
import { progressBar } from './progress-bar';
import { forgetResumePoint, savedResumePoint, saveResumePoint } from './resume-file';
import { trustedVerifierKey } from './trusted-key';
import type { VerifyOptions } from './verify.command';

export async function runVerify(options: VerifyOptions, context: CliContext): Promise<void> {
  const verifierKey = await trustedVerifierKey(options, context);
  const result = await withLedgerDatabase(options.databaseUrl, (database) => verifyWithResume(database, verifierKey, options, context));
  context.print(options.json ? JSON.stringify(result, null, 2) : formatLedgerVerdict(result));
  if (result.status === 'interrupted') {
    throw new CliError(`Verification interrupted; run it again with --resume to go on from event ${result.resumePoint.treeSize + 1}.`);
  }
  if (result.status === 'broken') throw new CliError(`The ledger is not intact: ${result.problem.kind} (see above).`);
}

async function verifyWithResume(
  database: LedgerDatabase,
  verifierKey: string,
  options: VerifyOptions,
  context: CliContext,
): Promise<LedgerVerificationResult> {
  const origin = ledgerOrigin(await database.checkpoints.list({ limit: 1 }), verifierKey);
  const resumeFrom = options.resume ? await savedResumePoint(options.stateFile, origin) : null;
  if (options.resume && !resumeFrom) context.print(`Nothing saved to resume for ${origin}: verifying from the first event.`);
  const interruption = new AbortController();
  const interrupt = () => interruption.abort();
  process.once('SIGINT', interrupt);
  const bar = progressBar(options.progress, 'events');
  try {
    const result = await verifyLedger({
      log: database.log,
      checkpoints: database.checkpoints,
      verifierKey,
      resumeFrom: resumeFrom ?? undefined,
      signal: interruption.signal,
      onProgress: (progress) => bar.update(progress.eventsVerified, progress.eventsInLog),
    });
    if (result.status === 'interrupted') await saveResumePoint(options.stateFile, result.resumePoint);
    else await forgetResumePoint(options.stateFile, origin);
    return result;
  } finally {
    bar.stop();
    process.off('SIGINT', interrupt);
  }
}
