/**
 * Turns a presented API key (HTTP) or an authenticated Kafka principal into the service
 * account it stands for, or says why not.
 *
 * Lookups are cached for `cacheTtlMs` (AUTH_CACHE_SECONDS, 5 s by default) so a busy
 * service does not ask Postgres on every request. That is the revocation bound: a key
 * revoked, expired or disabled elsewhere stops working in this process at most that long
 * after the change, without a restart. The process that makes the change (the admin API)
 * drops its own cached entries at once. Expiry is checked on every call, never cached.
 */
import { LRUCache } from 'lru-cache';
import type { AccountStore, StoredCredential } from '../accounts/account-store';
import { authenticatedAccountOf, type AuthenticatedAccount, type ServiceAccount } from '../accounts/service-account';
import { parseApiKey, secretMatches } from './api-key';

export type RefusalReason = 'malformed' | 'unknown-key' | 'wrong-secret' | 'revoked' | 'expired' | 'account-disabled' | 'unknown-account';

export type Authentication =
  | { ok: true; account: AuthenticatedAccount; keyId?: string }
  | { ok: false; reason: RefusalReason; keyId?: string };

export interface AuthenticatorOptions {
  cacheTtlMs: number;
  /** Milliseconds since the epoch; injectable so tests can move past the cache bound. */
  now?: () => number;
  maxCachedEntries?: number;
}

/** Cached "nothing there", so a flood of forged key ids does not become a flood of queries. */
const MISSING = { missing: true } as const;

export class Authenticator {
  private readonly credentials: LRUCache<string, StoredCredential | typeof MISSING>;
  private readonly accounts: LRUCache<string, ServiceAccount | typeof MISSING>;
  private readonly now: () => number;

  constructor(
    private readonly store: AccountStore,
    options: AuthenticatorOptions,
  ) {
    this.now = options.now ?? Date.now;
    const cacheOptions = { max: options.maxCachedEntries ?? 10_000, ttl: Math.max(1, options.cacheTtlMs), perf: { now: this.now } };
    this.credentials = new LRUCache(cacheOptions);
    this.accounts = new LRUCache(cacheOptions);
  }

  async authenticateKey(apiKey: string): Promise<Authentication> {
    const parsed = parseApiKey(apiKey);
    if (!parsed) return { ok: false, reason: 'malformed' };
    const { keyId } = parsed;
    const credential = await this.credentialOf(keyId);
    if (!credential) return { ok: false, reason: 'unknown-key', keyId };
    if (!secretMatches(parsed.secret, credential.secretSha256)) return { ok: false, reason: 'wrong-secret', keyId };
    if (credential.revokedAt) return { ok: false, reason: 'revoked', keyId };
    if (credential.expiresAt && credential.expiresAt.getTime() <= this.now()) return { ok: false, reason: 'expired', keyId };
    if (credential.account.disabledAt) return { ok: false, reason: 'account-disabled', keyId };
    return { ok: true, account: authenticatedAccountOf(credential.account), keyId };
  }

  /** A Kafka principal the broker authenticated is the service account of the same id, if it is enabled. */
  async authenticatePrincipal(accountId: string): Promise<Authentication> {
    let account = this.accounts.get(accountId);
    if (account === undefined) {
      account = (await this.store.findAccount(accountId)) ?? MISSING;
      this.accounts.set(accountId, account);
    }
    if ('missing' in account) return { ok: false, reason: 'unknown-account' };
    if (account.disabledAt) return { ok: false, reason: 'account-disabled' };
    return { ok: true, account: authenticatedAccountOf(account) };
  }

  /** Drops what this process remembers of an account and its keys, after a change made here. */
  forgetAccount(accountId: string): void {
    this.accounts.delete(accountId);
    for (const [keyId, credential] of this.credentials.entries()) {
      if (!('missing' in credential) && credential.account.accountId === accountId) this.credentials.delete(keyId);
    }
  }

  private async credentialOf(keyId: string): Promise<StoredCredential | null> {
    let credential = this.credentials.get(keyId);
    if (credential === undefined) {
      credential = (await this.store.findCredential(keyId)) ?? MISSING;
      this.credentials.set(keyId, credential);
    }
    return 'missing' in credential ? null : credential;
  }
}
