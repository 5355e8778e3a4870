/**
 * `ledgerctl demo load`, `describe` and `partnerships`: the realistic quarter of the demo
 * partnerships that the local stack starts with (`npm start` loads it).
 */
import { Option, type Command } from 'commander';
import { buildDemoDataset, DEMO_PARTNERSHIP_IDS } from '../../demo/demo-dataset';
import { LedgerClient } from '../../ledger-client/ledger-client';
import type { CliContext, CommandGroup } from '../command-group';
import { apiKeyOf, ledgerUrlOf } from '../global-options';
import { describeDemo } from './describe-demo';
import { currentSecond, demoHistoryReader, parseNowOption, resolveDemoNow } from './demo-now';
import { formatLoadReport, loadDemo } from './load-demo';

interface LoadOptions {
  now?: string;
  quiet?: boolean;
  auditorKey?: string;
}

export const demoCommands: CommandGroup = {
  name: 'demo',
  register(program: Command, context: CliContext): void {
    const demo = program.command('demo').description('the demo dataset: a realistic quarter of a Marketing-Sales and a Marketing-IT partnership, and Marketing-Finance since January');

    demo
      .command('load')
      .description(
        'load the demo dataset through the ledger HTTP API, as the publisher whose API key is given (--api-key); ' +
          'safe to run again: every submission has a fixed idempotency key, so a second run records nothing new',
      )
      .option('--now <instant>', 'end of the demo quarter, ISO 8601 with a time zone (default: the quarter the ledger already holds, else the current time)')
      .option('--quiet', 'print nothing unless the load fails')
      .addOption(
        new Option('--auditor-key <key>', "an auditor's API key, to read which quarter the ledger already holds (publishers may not read history)").env(
          'LEDGER_AUDITOR_KEY',
        ),
      )
      .action(async (options: LoadOptions, command: Command) => {
        const ledgerUrl = ledgerUrlOf(command);
        const client = new LedgerClient(ledgerUrl, apiKeyOf(command));
        const auditor = options.auditorKey ? new LedgerClient(ledgerUrl, options.auditorKey) : undefined;
        const dataset = buildDemoDataset(await resolveDemoNow(demoHistoryReader(client, auditor), options.now, context.clock));
        const report = await loadDemo(client, dataset);
        if (!options.quiet) context.print(formatLoadReport(dataset, report));
      });

    demo
      .command('partnerships')
      .description('print the ids of the demo partnerships, one a line: the scope a demo publisher needs (npm start uses it)')
      .action(() => context.print(DEMO_PARTNERSHIP_IDS.join('\n')));

    demo
      .command('describe')
      .description('print what the demo dataset contains: the story of each partnership and the submissions per command')
      .option('--now <instant>', 'end of the demo quarter, ISO 8601 with a time zone (default: the current time)')
      .action((options: { now?: string }) => {
        const now = options.now === undefined ? currentSecond(context.clock) : parseNowOption(options.now, context.clock);
        context.print(describeDemo(buildDemoDataset(now)));
      });
  },
};
