/**
 * What an admin does with service accounts: create one (with its first key), list them,
 * rotate (issue another key while the old one stays valid until revoked or expired),
 * revoke a key, disable an account. A key's secret is returned once, here, and stored
 * only as a hash. Changes made in this process take effect in it at once; other
 * processes see them within the authenticator's cache bound.
 */
import { AccountError } from '../accounts/account-errors';
import type { AccountStore, ApiKeyRecord, NewServiceAccount, ServiceAccountWithKeys } from '../accounts/account-store';
import type { ServiceAccount } from '../accounts/service-account';
import { generateApiKey, hashSecret } from '../keys/api-key';
import type { Authenticator } from '../keys/authenticator';

export interface IssuedApiKey {
  keyId: string;
  /** The whole key: shown once, never stored. */
  apiKey: string;
  createdAt: string;
  expiresAt: string | null;
}

export interface AccountCreation extends Omit<NewServiceAccount, 'displayName'> {
  displayName?: string;
  keyExpiresAt?: Date | null;
}

export class AccountAdministration {
  constructor(
    private readonly store: AccountStore,
    private readonly authenticator: Authenticator | null,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async createAccount(creation: AccountCreation): Promise<{ account: ServiceAccount; key: IssuedApiKey }> {
    const { keyExpiresAt = null, displayName, ...account } = creation;
    this.assertFuture(keyExpiresAt);
    const generated = generateApiKey();
    const created = await this.store.createAccount(
      { ...account, displayName: displayName ?? account.accountId },
      { keyId: generated.keyId, secretSha256: hashSecret(generated.secret), expiresAt: keyExpiresAt },
    );
    // A Kafka principal looked up before the account existed is remembered as unknown.
    this.authenticator?.forgetAccount(created.account.accountId);
    return { account: created.account, key: issued(generated.apiKey, created.key) };
  }

  listAccounts(): Promise<ServiceAccountWithKeys[]> {
    return this.store.listAccounts();
  }

  async issueKey(accountId: string, expiresAt: Date | null = null): Promise<IssuedApiKey> {
    this.assertFuture(expiresAt);
    const generated = generateApiKey();
    const record = await this.store.addKey(accountId, { keyId: generated.keyId, secretSha256: hashSecret(generated.secret), expiresAt });
    return issued(generated.apiKey, record);
  }

  async revokeKey(accountId: string, keyId: string): Promise<ApiKeyRecord> {
    const revoked = await this.store.revokeKey(accountId, keyId, this.clock());
    this.authenticator?.forgetAccount(accountId);
    return revoked;
  }

  async disableAccount(accountId: string): Promise<ServiceAccount> {
    const disabled = await this.store.disableAccount(accountId, this.clock());
    this.authenticator?.forgetAccount(accountId);
    return disabled;
  }

  private assertFuture(expiresAt: Date | null): void {
    if (expiresAt && expiresAt.getTime() <= this.clock().getTime()) {
      throw new AccountError('key.expiry-in-past', `A key cannot expire in the past (${expiresAt.toISOString()}).`, 'expiresAt');
    }
  }
}

function issued(apiKey: string, record: ApiKeyRecord): IssuedApiKey {
  return { keyId: record.keyId, apiKey, createdAt: record.createdAt, expiresAt: record.expiresAt };
}
