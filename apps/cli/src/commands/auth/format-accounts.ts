/** How `ledgerctl auth` shows accounts and keys: one line per account, a key's secret only when it is issued. */
import type { IssuedApiKey, ServiceAccount, ServiceAccountWithKeys } from '@ledger/auth';

export function describeAccount(account: ServiceAccount): string {
  const scope = (items: string[] | null) => (items ? items.join(',') : 'any');
  return (
    `${account.accountId} (roles: ${account.roles.join(', ')}; partnerships: ${scope(account.partnershipScope)}; ` +
    `teams: ${scope(account.teamScope)})`
  );
}

/** The last line is the key alone, so a script can take it with `tail -n 1`. */
export function formatIssuedKey(what: string, key: IssuedApiKey): string {
  const expiry = key.expiresAt ? `, expires ${key.expiresAt}` : '';
  return [`${what} Its API key (key id ${key.keyId}${expiry}) is shown only this once:`, key.apiKey].join('\n');
}

export function formatAccountList(accounts: ServiceAccountWithKeys[], now: Date): string {
  if (accounts.length === 0) return 'No service accounts.';
  const rows = accounts.map((account) => {
    const usable = account.keys.filter((key) => !key.revokedAt && !(key.expiresAt && Date.parse(key.expiresAt) <= now.getTime()));
    return [
      account.accountId,
      account.roles.join(','),
      account.partnershipScope?.join(',') ?? 'any',
      account.teamScope?.join(',') ?? 'any',
      account.disabledAt ? `disabled ${account.disabledAt}` : 'enabled',
      usable.map((key) => key.keyId).join(',') || '-',
    ];
  });
  const table = [['ACCOUNT', 'ROLES', 'PARTNERSHIPS', 'TEAMS', 'STATUS', 'USABLE KEYS'], ...rows];
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  return table.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}
