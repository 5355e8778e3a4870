/**
 * `ledgerctl audit verify`: checks every stream's hash chain and every signed
 * checkpoint, reading the ledger's database directly, with a progress bar. Ctrl-C stops
 * it between pages and saves where to resume (`--resume`). The work is in
 * verify.action.ts, loaded only when the command runs (it brings the database drivers).
 */
import type { Command } from 'commander';
import type { CliContext } from '../command-group';
import { apiKeyOf } from '../global-options';
import { auditUrlOption, databaseUrlOption, DEFAULT_RESUME_FILE, describeSources, verifierKeyOption } from './audit-options';
import { withCliErrors } from './cli-errors';
import type { KeyOptions } from './trusted-key';

export interface VerifyOptions extends KeyOptions {
  databaseUrl: string;
  resume?: boolean;
  stateFile: string;
  progress: boolean;
  json?: boolean;
}

export function registerVerify(audit: Command, context: CliContext): void {
  const command = audit
    .command('verify')
    .description('verify the whole ledger: every stream hash chain and every signed checkpoint; Ctrl-C saves where to resume')
    .addOption(databaseUrlOption())
    .addOption(verifierKeyOption('the key the audit service serves is used (and printed)'))
    .addOption(auditUrlOption())
    .option('--resume', 'go on from where an interrupted verification of this ledger stopped')
    .option('--state-file <path>', 'where interrupted verifications are saved, by ledger origin', DEFAULT_RESUME_FILE)
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print the verdict as JSON')
    .action(
      withCliErrors(async (options: VerifyOptions, command: Command) =>
        (await import('./verify.action')).runVerify({ ...options, apiKey: apiKeyOf(command) }, context),
      ),
    );
  describeSources(command, 'database');
}
