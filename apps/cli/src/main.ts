#!/usr/bin/env node
/** Entry point of `ledgerctl` (built to dist/apps/cli/src/main.js): wires the real streams and clock. */
import { boundHeapGrowth } from '@ledger/platform';
import { runCli } from './program';

boundHeapGrowth();

const context = {
  print: (text: string) => process.stdout.write(`${text}\n`),
  clock: () => new Date(),
};

void runCli(process.argv, context, (line) => process.stderr.write(`${line}\n`)).then((exitCode) => {
  process.exitCode = exitCode;
});
