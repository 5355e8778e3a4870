/**
 * Rebuilds the reporting view from the full history beside the live one and switches
 * readers over, printing progress; exits 0 once switched, 1 (with one line) on failure.
 *   node dist/apps/reporting-projector/src/rebuild.js [--drop-retired]
 */
import { boundHeapGrowth, createLogger } from '@ledger/platform';
import { runRebuildCommand } from '@ledger/projections';
import { loadReportingProjectorConfig, REPORTING_VIEW } from './reporting-projector.config';

boundHeapGrowth();

runRebuildCommand({
  ...REPORTING_VIEW,
  databaseUrl: loadReportingProjectorConfig().databaseUrl,
  dropRetired: process.argv.includes('--drop-retired'),
  logger: createLogger(REPORTING_VIEW.name, process.env.LOG_LEVEL ?? 'warn'),
  print: (line) => process.stdout.write(`${line}\n`),
}).catch((error: unknown) => {
  process.stderr.write(`reporting rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
