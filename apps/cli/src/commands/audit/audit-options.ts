/**
 * Where `ledgerctl audit` commands get their data: the audit service over HTTP for
 * questions (history, state, diff, checkpoints, the key), or the ledger's database
 * directly for bulk work (verify, export, replays), so an auditor's check does not
 * depend on a service run by the people being audited. And the key the auditor pins.
 */
import { Option, type Command } from 'commander';
import { CliError } from '../../cli-error';

export const DEFAULT_AUDIT_URL = 'http://127.0.0.1:3005';
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/alignment_ledger';
/** Where `verify` saves interrupted runs, by ledger origin (see resume-file.ts). */
export const DEFAULT_RESUME_FILE = '.local/audit/verification-state.json';

export function auditUrlOption(): Option {
  return new Option('--audit-url <url>', 'base URL of the audit service').env('AUDIT_URL').default(DEFAULT_AUDIT_URL);
}

export function databaseUrlOption(): Option {
  return new Option('--database-url <url>', "the ledger's PostgreSQL database, read directly").env('DATABASE_URL').default(DEFAULT_DATABASE_URL);
}

export function verifierKeyOption(what: string): Option {
  return new Option(
    '--verifier-key <key>',
    `the checkpoint verifier key you trust (pin it); without it, ${what}`,
  ).env('AUDIT_VERIFIER_KEY');
}

/** `--audit-url`, checked: an http or https URL, without a trailing slash. */
export function auditUrlOf(options: { auditUrl: string }): string {
  let url: URL;
  try {
    url = new URL(options.auditUrl);
  } catch {
    throw new CliError(`--audit-url "${options.auditUrl}" is not a URL; give the audit service's base URL, e.g. ${DEFAULT_AUDIT_URL}.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`--audit-url "${options.auditUrl}" must be an http or https URL, e.g. ${DEFAULT_AUDIT_URL}.`);
  }
  return options.auditUrl.replace(/\/+$/, '');
}

/** A whole number option, at least `min`. */
export function wholeNumber(name: string, min: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || !Number.isSafeInteger(number)) {
      throw new CliError(`${name} "${value}" must be a whole number of at least ${min}.`);
    }
    return number;
  };
}

/** Attaches the group's help footer: which commands talk to what. */
export function describeSources(command: Command, source: 'service' | 'database' | 'offline'): Command {
  const text = {
    service: 'Asks the audit service over HTTP (--audit-url, env AUDIT_URL).',
    database: "Reads the ledger's database directly (--database-url, env DATABASE_URL): no service involved.",
    offline: 'Works offline: reads only the files given, no database, no network.',
  }[source];
  return command.addHelpText('after', `\n${text}`);
}
