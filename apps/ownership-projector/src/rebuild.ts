/**
 * Rebuilds the ownership view from the full history beside the live one and switches
 * readers over, printing progress; exits 0 once switched, 1 (with one line) on failure.
 *   node dist/apps/ownership-projector/src/rebuild.js [--drop-retired]
 */
import { boundHeapGrowth, createLogger } from '@ledger/platform';
import { runRebuildCommand } from '@ledger/projections';
import { loadOwnershipProjectorConfig, OWNERSHIP_VIEW } from './ownership-projector.config';

boundHeapGrowth();

runRebuildCommand({
  ...OWNERSHIP_VIEW,
  databaseUrl: loadOwnershipProjectorConfig().databaseUrl,
  dropRetired: process.argv.includes('--drop-retired'),
  logger: createLogger(OWNERSHIP_VIEW.name, process.env.LOG_LEVEL ?? 'warn'),
  print: (line) => process.stdout.write(`${line}\n`),
}).catch((error: unknown) => {
  process.stderr.write(`ownership rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
