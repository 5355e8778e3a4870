/**
 * The questions `ledgerctl audit` asks the audit service over HTTP: a partnership's
 * history, its state at a moment, what changed between two moments, the signed
 * checkpoints, and the public key to pin.
 */
import type { PartnershipAsOf, PartnershipDiff, StoredCheckpoint, StreamHistoryPage } from '@ledger/audit';
import { Option, type Command } from 'commander';
import { CliError } from '../../cli-error';
import type { CliContext } from '../command-group';
import { auditClientOf, type AuditClient } from './audit-client';
import { auditUrlOption, describeSources, wholeNumber } from './audit-options';
import { CHECKPOINT_HEADING, formatCheckpoint, formatDiff, formatEvent, formatState } from './format-history';

type ServiceOptions = { auditUrl: string; json?: boolean };

const timeOption = () =>
  new Option('--time <axis>', 'ledger: as recorded by the ledger by then; business: as happened by then, known now').choices(['ledger', 'business']).default('ledger');

export function registerInspections(audit: Command, context: CliContext): void {
  const print = (options: ServiceOptions, answer: unknown, text: () => string) => context.print(options.json ? JSON.stringify(answer, null, 2) : text());

  serviceCommand(audit, 'history <partnershipId>', 'the recorded events of a partnership: who, when (business and ledger time), from which system, why')
    .option('--from-version <n>', 'first stream version', wholeNumber('--from-version', 1), 1)
    .option('--limit <n>', 'events per page (1 to 1000)', wholeNumber('--limit', 1), 100)
    .option('--all', 'follow the pages to the end')
    .option('--correlation-id <id>', 'only events of this correlation id')
    .option('--actor <account>', 'only events submitted by this account')
    .action(async (partnershipId: string, options: ServiceOptions & HistoryOptions, command: Command) => {
      const events = await historyOf(auditClientOf(command), partnershipId, options);
      print(options, events, () => (events.length === 0 ? 'No events match.' : events.map(formatEvent).join('\n')));
    });

  serviceCommand(audit, 'state <partnershipId>', 'the state of a partnership at an instant (--as-of) or a stream version (--version), rebuilt by the domain code')
    .option('--as-of <instant>', 'ISO 8601 instant with a time zone')
    .addOption(timeOption())
    .option('--version <n>', 'a stream version instead of an instant', wholeNumber('--version', 1))
    .action(async (partnershipId: string, options: ServiceOptions & { asOf?: string; time: string; version?: number }, command: Command) => {
      if ((options.asOf === undefined) === (options.version === undefined)) throw new CliError('Give exactly one of --as-of <instant> and --version <n>.');
      const answer = await auditClientOf(command).get<PartnershipAsOf>(`/audit/partnerships/${encodeURIComponent(partnershipId)}/state`, {
        asOf: options.asOf,
        time: options.asOf === undefined ? undefined : options.time,
        version: options.version,
      });
      print(options, answer, () => formatState(answer));
    });

  serviceCommand(audit, 'diff <partnershipId>', 'what changed in a partnership between two instants: added, removed and changed paths of its state')
    .requiredOption('--from <instant>', 'the earlier instant, ISO 8601 with a time zone')
    .requiredOption('--to <instant>', 'the later instant')
    .addOption(timeOption())
    .action(async (partnershipId: string, options: ServiceOptions & { from: string; to: string; time: string }, command: Command) => {
      const diff = await auditClientOf(command).get<PartnershipDiff>(`/audit/partnerships/${encodeURIComponent(partnershipId)}/diff`, {
        from: options.from,
        to: options.to,
        time: options.time,
      });
      print(options, diff, () => formatDiff(diff));
    });

  serviceCommand(audit, 'checkpoints', 'the signed checkpoints that seal the log, oldest first')
    .option('--after <treeSize>', 'start after this tree size', wholeNumber('--after', 0), 0)
    .option('--limit <n>', 'checkpoints to list (1 to 1000)', wholeNumber('--limit', 1), 100)
    .action(async (options: ServiceOptions & { after: number; limit: number }, command: Command) => {
      const page = await auditClientOf(command).get<{ checkpoints: CheckpointLine[] }>('/audit/checkpoints', { after: options.after, limit: options.limit });
      print(options, page, () => (page.checkpoints.length === 0 ? 'Nothing is sealed yet.' : [CHECKPOINT_HEADING, ...page.checkpoints.map(formatCheckpoint)].join('\n')));
    });

  serviceCommand(audit, 'verifier-key', 'the public key that verifies every checkpoint: pin it and pass it as --verifier-key')
    .action(async (options: ServiceOptions, command: Command) => {
      const answer = await auditClientOf(command).get<{ origin: string; verifierKey: string }>('/audit/verifier-key');
      print(options, answer, () => answer.verifierKey);
    });
}

type CheckpointLine = Omit<StoredCheckpoint, 'rootHash'> & { rootHash: string };

interface HistoryOptions {
  fromVersion: number;
  limit: number;
  all?: boolean;
  correlationId?: string;
  actor?: string;
}

function serviceCommand(audit: Command, nameAndArguments: string, description: string): Command {
  const command = audit.command(nameAndArguments).description(description).addOption(auditUrlOption()).option('--json', 'print the answer as JSON');
  describeSources(command, 'service');
  return command;
}

async function historyOf(client: AuditClient, partnershipId: string, options: HistoryOptions): Promise<StreamHistoryPage['events']> {
  const events: StreamHistoryPage['events'] = [];
  for (let fromVersion: number | null = options.fromVersion; fromVersion !== null; ) {
    const page: StreamHistoryPage = await client.get(`/audit/partnerships/${encodeURIComponent(partnershipId)}/history`, {
      fromVersion,
      limit: options.limit,
      correlationId: options.correlationId,
      actor: options.actor,
    });
    events.push(...page.events);
    fromVersion = options.all ? page.nextFromVersion : null;
  }
  return events;
}
