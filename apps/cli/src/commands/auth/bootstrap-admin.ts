/**
 * `ledgerctl auth bootstrap-admin`: the operator's way to the first admin, straight in
 * the database (nothing can call the admin API before an admin exists). Run again, it
 * issues the admin another key: whoever can write the database is trusted already.
 */
import { AccountError, administerAccounts, type IssuedApiKey, type ServiceAccount } from '@ledger/auth';
import { CliError } from '../../cli-error';

export interface BootstrappedAdmin {
  account: ServiceAccount;
  key: IssuedApiKey;
  created: boolean;
}

export async function bootstrapAdmin(databaseUrl: string, accountId: string): Promise<BootstrappedAdmin> {
  return administerAccounts(databaseUrl, async (accounts) => {
    const existing = (await accounts.listAccounts()).find((account) => account.accountId === accountId);
    if (!existing) {
      const { account, key } = await accounts.createAccount({ accountId, roles: ['admin'], partnershipScope: null, teamScope: null });
      return { account, key, created: true };
    }
    if (!existing.roles.includes('admin') || existing.disabledAt) {
      throw new CliError(`Service account "${accountId}" exists but is ${existing.disabledAt ? 'disabled' : 'not an admin'}; bootstrap another account with --account.`);
    }
    return { account: existing, key: await accounts.issueKey(accountId), created: false };
  }).catch((error: unknown) => {
    if (error instanceof AccountError) throw new CliError(error.message);
    throw error;
  });
}
