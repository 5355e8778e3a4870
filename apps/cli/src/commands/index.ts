/** Every command group of `ledgerctl`, in the order `--help` lists them; a new group is one more entry. */
import type { CommandGroup } from './command-group';
import { demoCommands } from './demo/demo.commands';

export const COMMAND_GROUPS: readonly CommandGroup[] = [demoCommands];

export type { CliContext, CommandGroup } from './command-group';
