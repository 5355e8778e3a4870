/**
 * Authentication against the real `auth` schema: what a key stands for, and how fast a
 * revocation, an expiry or a disabled account takes effect in a process that had the key
 * cached (at most the cache bound, here moved past with a controlled clock).
 */
import { createTestDatabase, type TestDatabase } from '@ledger/testing';
import type { DataSource } from 'typeorm';
import { AccountStore } from '../accounts/account-store';
import { AccountAdministration } from '../admin/account-administration';
import { openAuthDataSource } from '../schema/auth-data-source';
import { generateApiKey, hashSecret, parseApiKey } from './api-key';
import { Authenticator } from './authenticator';

const CACHE_TTL_MS = 5_000;

describe('Authenticator (real Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: AccountStore;
  let now: number;
  /** Another process: its own cache, changes made through `admin` reach it only through the database. */
  let authenticator: Authenticator;
  let admin: AccountAdministration;

  beforeAll(async () => {
    database = await createTestDatabase('al_auth');
    dataSource = await openAuthDataSource({ url: database.url });
    store = new AccountStore(dataSource);
  });

  beforeEach(() => {
    now = Date.parse('2026-03-01T09:00:00Z');
    authenticator = new Authenticator(store, { cacheTtlMs: CACHE_TTL_MS, now: () => now });
    admin = new AccountAdministration(store, null, () => new Date(now));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  let accounts = 0;
  const newPublisher = async (keyExpiresAt: Date | null = null) => {
    accounts += 1;
    return admin.createAccount({ accountId: `crm-${accounts}`, roles: ['publisher'], partnershipScope: ['mkt-sales'], teamScope: null, keyExpiresAt });
  };

  it('answers a valid key with its account, roles and scope', async () => {
    const { account, key } = await newPublisher();
    await expect(authenticator.authenticateKey(key.apiKey)).resolves.toEqual({
      ok: true,
      keyId: key.keyId,
      account: { accountId: account.accountId, roles: ['publisher'], partnershipScope: ['mkt-sales'], teamScope: null },
    });
  });

  it('refuses a forged key: garbage, an unknown key id, or a known key id with another secret', async () => {
    const { key } = await newPublisher();
    const forgedSecret = `alk_${key.keyId}_${generateApiKey().secret}`;
    await expect(authenticator.authenticateKey('not-a-key')).resolves.toEqual({ ok: false, reason: 'malformed' });
    await expect(authenticator.authenticateKey(generateApiKey().apiKey)).resolves.toMatchObject({ ok: false, reason: 'unknown-key' });
    await expect(authenticator.authenticateKey(forgedSecret)).resolves.toMatchObject({ ok: false, reason: 'wrong-secret' });
  });

  it('refuses a revoked key once the cache bound has passed, without a restart', async () => {
    const { account, key } = await newPublisher();
    expect((await authenticator.authenticateKey(key.apiKey)).ok).toBe(true);

    await admin.revokeKey(account.accountId, key.keyId);
    now += CACHE_TTL_MS + 1;

    await expect(authenticator.authenticateKey(key.apiKey)).resolves.toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('refuses a revoked key at once in the process that revoked it', async () => {
    const { account, key } = await newPublisher();
    const local = new AccountAdministration(store, authenticator, () => new Date(now));
    expect((await authenticator.authenticateKey(key.apiKey)).ok).toBe(true);

    await local.revokeKey(account.accountId, key.keyId);

    await expect(authenticator.authenticateKey(key.apiKey)).resolves.toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('refuses an expired key from the moment it expires, cached or not', async () => {
    const { key } = await newPublisher(new Date(now + 60_000));
    expect((await authenticator.authenticateKey(key.apiKey)).ok).toBe(true);

    now += 60_000;

    await expect(authenticator.authenticateKey(key.apiKey)).resolves.toMatchObject({ ok: false, reason: 'expired' });
  });

  it('refuses every key of a disabled account, and the account as a Kafka principal', async () => {
    const { account, key } = await newPublisher();
    const second = await admin.issueKey(account.accountId);
    expect((await authenticator.authenticatePrincipal(account.accountId)).ok).toBe(true);

    await admin.disableAccount(account.accountId);
    now += CACHE_TTL_MS + 1;

    for (const apiKey of [key.apiKey, second.apiKey]) {
      await expect(authenticator.authenticateKey(apiKey)).resolves.toMatchObject({ ok: false, reason: 'account-disabled' });
    }
    await expect(authenticator.authenticatePrincipal(account.accountId)).resolves.toEqual({ ok: false, reason: 'account-disabled' });
  });

  it('keeps the old key valid after a rotation, until it is revoked', async () => {
    const { account, key: old } = await newPublisher();
    const rotated = await admin.issueKey(account.accountId);
    expect((await authenticator.authenticateKey(old.apiKey)).ok).toBe(true);
    expect((await authenticator.authenticateKey(rotated.apiKey)).ok).toBe(true);

    await admin.revokeKey(account.accountId, old.keyId);
    now += CACHE_TTL_MS + 1;

    await expect(authenticator.authenticateKey(old.apiKey)).resolves.toMatchObject({ ok: false, reason: 'revoked' });
    expect((await authenticator.authenticateKey(rotated.apiKey)).ok).toBe(true);
  });

  it('knows a Kafka principal only when a service account of that id exists', async () => {
    await expect(authenticator.authenticatePrincipal('nobody')).resolves.toEqual({ ok: false, reason: 'unknown-account' });
  });

  it('stores a key only as the hash of its secret', async () => {
    const { key } = await newPublisher();
    const { secret } = parseApiKey(key.apiKey) as { secret: string };
    const [row] = (await dataSource.query('SELECT * FROM auth.api_keys WHERE key_id = $1', [key.keyId])) as Array<Record<string, unknown>>;
    expect(row?.secret_sha256).toEqual(hashSecret(secret));
    expect(JSON.stringify(row)).not.toContain(secret);
  });
});
