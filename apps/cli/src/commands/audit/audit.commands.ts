/**
 * `ledgerctl audit ...`: what an auditor does with the ledger. Questions go to the
 * audit service over HTTP (history, state, diff, checkpoints, verifier-key); bulk work
 * reads the database directly (verify, export, replay, replay-projection); and an
 * export is verified offline (verify-export). Each command's --help says which.
 */
import type { Command } from 'commander';
import type { CliContext, CommandGroup } from '../command-group';
import { registerExport } from './export.command';
import { registerInspections } from './inspect.commands';
import { registerReplays } from './replay.command';
import { registerVerify } from './verify.command';

export const auditCommands: CommandGroup = {
  name: 'audit',
  register(program: Command, context: CliContext): void {
    const audit = program
      .command('audit')
      .description('audit the ledger: history, state as of a moment, verification, offline-verifiable exports, replays');
    registerInspections(audit, context);
    registerVerify(audit, context);
    registerExport(audit, context);
    registerReplays(audit, context);
  },
};
