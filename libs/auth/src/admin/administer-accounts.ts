/**
 * Account administration straight on the database, outside any service: how an operator
 * creates the first admin (`ledgerctl auth bootstrap-admin`) and how tests provision the
 * accounts they call with. Whoever can reach the database this way is trusted already.
 */
import { AccountStore } from '../accounts/account-store';
import { openAuthDataSource } from '../schema/auth-data-source';
import { AccountAdministration } from './account-administration';

export async function administerAccounts<T>(databaseUrl: string, work: (administration: AccountAdministration) => Promise<T>): Promise<T> {
  const dataSource = await openAuthDataSource({ url: databaseUrl, poolSize: 1, applicationName: 'alignment-account-administration' });
  try {
    return await work(new AccountAdministration(new AccountStore(dataSource), null));
  } finally {
    await dataSource.destroy();
  }
}
