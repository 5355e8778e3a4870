/**
 * Options every `ledgerctl` command takes, wherever they are written on the command
 * line (`ledgerctl --ledger-url URL demo load` or `ledgerctl demo load --ledger-url URL`).
 */
import { Option, type Command } from 'commander';
import { CliError } from '../cli-error';

export const DEFAULT_LEDGER_URL = 'http://127.0.0.1:3000';

export function addGlobalOptions(program: Command): void {
  program.addOption(
    new Option('--ledger-url <url>', 'base URL of the ledger service').env('LEDGER_URL').default(DEFAULT_LEDGER_URL),
  );
  program.addOption(
    new Option('--api-key <key>', 'API key of the service account to call the services as (prefer the variable: a key on the command line lands in shell history)').env(
      'LEDGER_API_KEY',
    ),
  );
}

/** The API key every call to a service sends (`Authorization: Bearer <key>`); undefined when none is given. */
export function apiKeyOf(command: Command): string | undefined {
  const { apiKey } = command.optsWithGlobals<{ apiKey?: string }>();
  return apiKey === undefined || apiKey.trim() === '' ? undefined : apiKey.trim();
}

/** The ledger's base URL, checked: an http or https URL. */
export function ledgerUrlOf(command: Command): string {
  const { ledgerUrl } = command.optsWithGlobals<{ ledgerUrl: string }>();
  let url: URL;
  try {
    url = new URL(ledgerUrl);
  } catch {
    throw new CliError(`--ledger-url "${ledgerUrl}" is not a URL; give the ledger's base URL, e.g. ${DEFAULT_LEDGER_URL}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`--ledger-url "${ledgerUrl}" must be an http or https URL, e.g. ${DEFAULT_LEDGER_URL}.`);
  }
  return ledgerUrl;
}
