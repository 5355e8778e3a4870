/**
 * `ledgerctl`, the Alignment Ledger's command-line tool: the program with its global
 * options and every command group, and the one place errors become an exit code and a
 * single line on standard error (never a stack trace).
 */
import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error';
import { COMMAND_GROUPS, type CliContext } from './commands';
import { addGlobalOptions } from './commands/global-options';

export function buildProgram(context: CliContext): Command {
  const program = new Command('ledgerctl')
    .description('Command-line tool of the Alignment Ledger, the record of partnership agreements between teams.')
    // Set before the groups register: subcommands copy these settings when they are created.
    .configureHelp({ showGlobalOptions: true })
    .exitOverride();
  addGlobalOptions(program);
  for (const group of COMMAND_GROUPS) group.register(program, context);
  return program;
}

/** Runs the command line `argv` (as in `process.argv`) and answers the exit code. */
export async function runCli(argv: string[], context: CliContext, printError: (line: string) => void): Promise<number> {
  try {
    await buildProgram(context).parseAsync(argv);
    return 0;
  } catch (error) {
    // Commander has already printed its own message (or the help it was asked for).
    if (error instanceof CommanderError) return error.exitCode;
    printError(`error: ${error instanceof CliError ? error.message : `unexpected failure: ${String(error instanceof Error ? error.message : error)}`}`);
    return 1;
  }
}
