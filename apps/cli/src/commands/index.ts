/** Every command group of `ledgerctl`, in the order `--help` lists them; a new group is one more entry. */
import type { CommandGroup } from './command-group';
import { auditCommands } from './audit/audit.commands';
import { authCommands } from './auth/auth.commands';
import { demoCommands } from './demo/demo.commands';
import { kafkaCommands } from './kafka/kafka.commands';

export const COMMAND_GROUPS: readonly CommandGroup[] = [demoCommands, auditCommands, authCommands, kafkaCommands];

export type { CliContext, CommandGroup } from './command-group';
