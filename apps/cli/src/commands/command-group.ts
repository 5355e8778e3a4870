/**
 * What a group of `ledgerctl` commands (demo, audit, auth, ...) gets to work with, and
 * how it joins the program: each group is one module under `commands/<group>/` that
 * registers its commands, listed once in `commands/index.ts`.
 */
import type { Command } from 'commander';

export interface CliContext {
  /** Prints one line (or several, joined by line breaks) on standard output. */
  print(text: string): void;
  /** The current time; passed in so commands that depend on it can be run at a chosen moment. */
  clock(): Date;
}

export interface CommandGroup {
  /** The first word of the group's commands, e.g. `demo` in `ledgerctl demo load`. */
  name: string;
  register(program: Command, context: CliContext): void;
}
