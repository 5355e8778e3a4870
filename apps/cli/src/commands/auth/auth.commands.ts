/**
 * `ledgerctl auth ...`: service accounts and their API keys. `bootstrap-admin` writes the
 * first admin into the database; every other command calls the ledger's admin API with
 * the admin's key (--api-key or LEDGER_API_KEY). A key's secret is printed once, when
 * it is issued, as the last line of the output.
 */
import { Option, type Command } from 'commander';
import { ACCOUNT_ID_PATTERN, ROLES } from '@ledger/auth';
import { CliError } from '../../cli-error';
import { LedgerClient } from '../../ledger-client/ledger-client';
import type { CliContext, CommandGroup } from '../command-group';
import { apiKeyOf, ledgerUrlOf } from '../global-options';
import { bootstrapAdmin } from './bootstrap-admin';
import { describeAccount, formatAccountList, formatIssuedKey } from './format-accounts';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/alignment_ledger';

interface CreateOptions {
  roles: string[];
  displayName?: string;
  partnershipScope?: string[];
  teamScope?: string[];
  expiresAt?: string;
}

const list = (value: string) => value.split(',').map((item) => item.trim()).filter(Boolean);

function accountId(value: string): string {
  if (!ACCOUNT_ID_PATTERN.test(value)) throw new CliError(`"${value}" is not an account id: a lower-case slug such as crm-publisher.`);
  return value;
}

export const authCommands: CommandGroup = {
  name: 'auth',
  register(program: Command, context: CliContext): void {
    const auth = program.command('auth').description('service accounts and their API keys');
    const admin = (command: Command) => new LedgerClient(ledgerUrlOf(command), apiKeyOf(command));
    const expiresAt = () => new Option('--expires-at <instant>', 'when the key expires, ISO 8601 with a time zone (default: never; revoke it instead)');

    auth
      .command('bootstrap-admin')
      .description('create the first admin account directly in the database (or give it another key) and print its API key once')
      .addOption(new Option('--database-url <url>', "the ledger's PostgreSQL database").env('DATABASE_URL').default(DEFAULT_DATABASE_URL))
      .option('--account <id>', 'the admin account id', accountId, 'admin')
      .action(async (options: { databaseUrl: string; account: string }) => {
        const { account, key, created } = await bootstrapAdmin(options.databaseUrl, options.account);
        context.print(formatIssuedKey(`${created ? 'Created' : 'Issued a new key to'} the admin account ${describeAccount(account)}.`, key));
      });

    auth
      .command('create-account <accountId>')
      .description('create a service account through the admin API and print its first API key once')
      .requiredOption('--roles <roles>', `comma-separated roles: ${ROLES.join(', ')}`, list)
      .option('--display-name <name>', 'who or what uses the account')
      .option('--partnership-scope <ids>', 'comma-separated partnerships a publisher may write for (default: any)', list)
      .option('--team-scope <teams>', 'comma-separated teams a publisher speaks for (default: any)', list)
      .addOption(expiresAt())
      .action(async (id: string, options: CreateOptions, command: Command) => {
        const { account, key } = await admin(command).createServiceAccount({
          accountId: accountId(id),
          roles: options.roles,
          displayName: options.displayName,
          partnershipScope: options.partnershipScope,
          teamScope: options.teamScope,
          keyExpiresAt: options.expiresAt,
        });
        context.print(formatIssuedKey(`Created the service account ${describeAccount(account)}.`, key));
      });

    auth
      .command('list-accounts')
      .description('list the service accounts, their roles, scopes and usable keys')
      .action(async (_: unknown, command: Command) => {
        context.print(formatAccountList(await admin(command).listServiceAccounts(), context.clock()));
      });

    auth
      .command('rotate-key <accountId>')
      .description('issue the account another API key (printed once); its older keys stay valid until revoked or expired')
      .addOption(expiresAt())
      .action(async (id: string, options: { expiresAt?: string }, command: Command) => {
        const key = await admin(command).issueApiKey(accountId(id), options.expiresAt);
        context.print(formatIssuedKey(`Issued a new key to ${id}; revoke the old one once it is replaced.`, key));
      });

    auth
      .command('revoke-key <accountId> <keyId>')
      .description('revoke one API key of an account')
      .action(async (id: string, keyId: string, _: unknown, command: Command) => {
        const revoked = await admin(command).revokeApiKey(accountId(id), keyId);
        context.print(`Revoked key ${revoked.keyId} of ${id} (at ${revoked.revokedAt}); services refuse it within a few seconds.`);
      });

    auth
      .command('disable-account <accountId>')
      .description('disable an account: none of its keys authenticates any more')
      .action(async (id: string, _: unknown, command: Command) => {
        const account = await admin(command).disableServiceAccount(accountId(id));
        context.print(`Disabled ${account.accountId} (at ${account.disabledAt}); services refuse its keys within a few seconds.`);
      });
  },
};
