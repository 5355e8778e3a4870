/**
 * What `ledgerctl audit export` and `verify-export` do: write a range of the log as a
 * bundle, with a progress bar, and say how to verify it; verify a bundle offline and
 * print the verdict (exit code 1 when it is not intact).
 */
import { ledgerOrigin, LedgerExporter, LedgerProofs, resolveRange, verifyExportDirectory, writeExportDirectory, type RangeRequest } from '@ledger/audit';
import { CliError } from '../../cli-error';
import type { CliContext } from '../command-group';
import type { ExportOptions } from './export.command';
import { formatExportVerdict } from './format-verdicts';
import { withLedgerDatabase, type LedgerDatabase } from './ledger-database';
import { progressBar } from './progress-bar';
import { checkedKey, trustedVerifierKey } from './trusted-key';

export async function runExport(options: ExportOptions, context: CliContext): Promise<void> {
  const verifierKey = await trustedVerifierKey(options, context);
  context.print(await withLedgerDatabase(options.databaseUrl, (database) => exportRange(database, verifierKey, options)));
}

export async function runVerifyExport(directory: string, verifierKey: string | undefined, context: CliContext): Promise<void> {
  const pinned = verifierKey === undefined ? undefined : checkedKey(verifierKey);
  const verdict = await verifyExportDirectory(directory, pinned);
  context.print(formatExportVerdict(directory, verdict, pinned !== undefined));
  if (verdict.status === 'broken') throw new CliError(`The export is not intact: ${verdict.kind} (see above).`);
}

async function exportRange(database: LedgerDatabase, verifierKey: string, options: ExportOptions): Promise<string> {
  const { log, checkpoints, dataSource } = database;
  const origin = ledgerOrigin(await checkpoints.list({ limit: 1 }), verifierKey);
  const exporter = new LedgerExporter(dataSource, log, checkpoints, new LedgerProofs(log, checkpoints), { origin, verifierKey });
  const range = await resolveRange(log, options);
  const total = range.through ? await log.count({ after: range.after, through: range.through }) : 0;
  const bar = progressBar(options.progress, 'events');
  const interruption = new AbortController();
  const interrupt = () => interruption.abort();
  process.once('SIGINT', interrupt);
  try {
    const manifest = await writeExportDirectory(exporter, range, options.out, ({ eventsWritten }) => bar.update(eventsWritten, total), interruption.signal);
    bar.stop();
    const remainder = interruption.signal.aborted ? await exporter.remainderOf(range, manifest) : null;
    if (remainder) throw new CliError(interruptedExport(options.out, manifest.eventCount, remainder));
    return [
      manifest.eventCount === 0
        ? `Exported no events (the range is empty) to ${options.out}:`
        : `Exported ${manifest.eventCount} events (in log order, from the event at global position ${manifest.range.fromPosition} ` +
          `through the one at ${manifest.range.toPosition}) to ${options.out}:`,
      `  events.ndjson  sha256 ${manifest.sha256}`,
      `  manifest.json  ${manifest.checkpoints.length} signed checkpoints, ${Object.keys(manifest.streamHeads).length} stream heads before the range`,
      `Verify it offline with: ledgerctl audit verify-export ${options.out} --verifier-key '${verifierKey}'`,
    ].join('\n');
  } finally {
    bar.stop();
    process.off('SIGINT', interrupt);
  }
}

/** An interrupted export is a sound bundle of what it wrote; the rest goes into a second bundle that starts where it ends. */
function interruptedExport(directory: string, eventsWritten: number, remainder: RangeRequest): string {
  return [
    `Export interrupted after ${eventsWritten} events: ${directory} holds them as a complete bundle that verifies by itself.`,
    `Export the rest of the range into another directory with: ledgerctl audit export --out <dir> --from-position ${remainder.fromPosition} --to-position ${remainder.toPosition}`,
  ].join('\n');
}
