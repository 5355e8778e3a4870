/**
 * Service accounts for tests, written straight into the test database (as the operator's
 * bootstrap does): one call, and each account's API key by the name the test gave it.
 */
import type { AccountCreation } from '../admin/account-administration';
import { administerAccounts } from '../admin/administer-accounts';

export type TestAccount = Pick<AccountCreation, 'roles'> & Partial<Omit<AccountCreation, 'roles'>>;

/** Creates the accounts (the account id defaults to the name) and answers their API keys by name. */
export async function provisionTestAccounts<Name extends string>(databaseUrl: string, accounts: Record<Name, TestAccount>): Promise<Record<Name, string>> {
  return administerAccounts(databaseUrl, async (administration) => {
    const keys = {} as Record<Name, string>;
    for (const [name, { accountId = name, partnershipScope = null, teamScope = null, ...rest }] of Object.entries(accounts) as Array<[Name, TestAccount]>) {
      keys[name] = (await administration.createAccount({ ...rest, accountId, partnershipScope, teamScope })).key.apiKey;
    }
    return keys;
  });
}
