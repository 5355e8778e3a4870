/**
 * `ledgerctl audit export` and `ledgerctl audit verify-export`: a range of the log
 * written as a bundle (events.ndjson + manifest.json) straight from the database, and
 * the same bundle verified offline, on any machine, with only the files and the key.
 * The work is in export.action.ts, loaded only when one of them runs.
 */
import type { Command } from 'commander';
import type { CliContext } from '../command-group';
import { apiKeyOf } from '../global-options';
import { auditUrlOption, databaseUrlOption, describeSources, verifierKeyOption, wholeNumber } from './audit-options';
import { withCliErrors } from './cli-errors';
import type { KeyOptions } from './trusted-key';

export interface ExportOptions extends KeyOptions {
  out: string;
  fromPosition?: number;
  toPosition?: number;
  fromTime?: string;
  toTime?: string;
  databaseUrl: string;
  progress: boolean;
}

export function registerExport(audit: Command, context: CliContext): void {
  const command = audit
    .command('export')
    .description('export a range of the log (by position or by ledger time) as an offline-verifiable bundle: events.ndjson + manifest.json')
    .requiredOption('--out <dir>', 'directory to write the bundle into (created; must not hold a bundle)')
    .option('--from-position <n>', 'position of the first event (inclusive; the log is in commit order)', wholeNumber('--from-position', 1))
    .option('--to-position <n>', 'position of the last event (inclusive)', wholeNumber('--to-position', 1))
    .option('--from-time <instant>', 'first ledger time (recordedAt), ISO 8601 with a time zone')
    .option('--to-time <instant>', 'last ledger time (recordedAt), ISO 8601 with a time zone')
    .addOption(databaseUrlOption())
    .addOption(verifierKeyOption('the key the audit service serves is written into the manifest'))
    .addOption(auditUrlOption())
    .option('--no-progress', 'no progress bar')
    .action(
      withCliErrors(async (options: ExportOptions, command: Command) =>
        (await import('./export.action')).runExport({ ...options, apiKey: apiKeyOf(command) }, context),
      ),
    );
  describeSources(command, 'database');
  command.addHelpText(
    'after',
    '\nCtrl-C stops between events: the directory then holds a complete bundle of what was written, and the command prints the --from-position and --to-position that export the rest.',
  );

  const verify = audit
    .command('verify-export <dir>')
    .description('verify an export bundle offline: file hash, every chain, every checkpoint, with no database and no network')
    .addOption(verifierKeyOption('the bundle is only checked against the key it carries (consistency, not origin)'))
    .action(
      withCliErrors(async (directory: string, options: { verifierKey?: string }) =>
        (await import('./export.action')).runVerifyExport(directory, options.verifierKey, context),
      ),
    );
  describeSources(verify, 'offline');
}
