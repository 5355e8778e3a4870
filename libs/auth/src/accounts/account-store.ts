/**
 * The `auth` tables, read and written in SQL. Every write that belongs together (an
 * account and its first key) is one transaction; keys are revoked, never deleted.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../policy/access-policy';
import { AccountError } from './account-errors';
import type { ServiceAccount } from './service-account';

export interface NewServiceAccount {
  accountId: string;
  displayName: string;
  roles: Role[];
  partnershipScope: string[] | null;
  teamScope: string[] | null;
}

export interface NewApiKey {
  keyId: string;
  secretSha256: Buffer;
  expiresAt: Date | null;
}

export interface ApiKeyRecord {
  keyId: string;
  accountId: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

export type ServiceAccountWithKeys = ServiceAccount & { keys: ApiKeyRecord[] };

/** A key with its account, as verification needs them. */
export interface StoredCredential {
  keyId: string;
  secretSha256: Buffer;
  expiresAt: Date | null;
  revokedAt: Date | null;
  account: ServiceAccount;
}

const UNIQUE_VIOLATION = '23505';

const ACCOUNT_COLUMNS = `a.account_id, a.display_name, a.roles, a.partnership_scope, a.team_scope, a.created_at, a.disabled_at`;
const KEY_COLUMNS = `k.key_id, k.account_id, k.created_at, k.expires_at, k.revoked_at`;

interface AccountRow {
  account_id: string;
  display_name: string;
  roles: Role[];
  partnership_scope: string[] | null;
  team_scope: string[] | null;
  created_at: Date;
  disabled_at: Date | null;
}

interface KeyRow {
  key_id: string;
  account_id: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export class AccountStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates the account and its first key together; `account.exists` when the id is taken. */
  async createAccount(account: NewServiceAccount, firstKey: NewApiKey): Promise<{ account: ServiceAccount; key: ApiKeyRecord }> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [row] = (await manager.query(
          `INSERT INTO auth.service_accounts AS a (account_id, display_name, roles, partnership_scope, team_scope)
           VALUES ($1, $2, $3, $4, $5) RETURNING ${ACCOUNT_COLUMNS}`,
          [account.accountId, account.displayName, account.roles, account.partnershipScope, account.teamScope],
        )) as AccountRow[];
        const key = await insertKey(manager, account.accountId, firstKey);
        return { account: toAccount(row as AccountRow), key };
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new AccountError('account.exists', `A service account "${account.accountId}" already exists.`, 'accountId');
      }
      throw error;
    }
  }

  async findAccount(accountId: string): Promise<ServiceAccount | null> {
    const [row] = (await this.dataSource.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM auth.service_accounts a WHERE a.account_id = $1`,
      [accountId],
    )) as AccountRow[];
    return row ? toAccount(row) : null;
  }

  async listAccounts(): Promise<ServiceAccountWithKeys[]> {
    const accounts = (await this.dataSource.query(
      `SELECT ${ACCOUNT_COLUMNS} FROM auth.service_accounts a ORDER BY a.account_id`,
    )) as AccountRow[];
    const keys = (await this.dataSource.query(
      `SELECT ${KEY_COLUMNS} FROM auth.api_keys k ORDER BY k.account_id, k.created_at, k.key_id`,
    )) as KeyRow[];
    return accounts.map((row) => ({
      ...toAccount(row),
      keys: keys.filter((key) => key.account_id === row.account_id).map(toKeyRecord),
    }));
  }

  /** Adds a key to an enabled account; the account's other keys stay valid (rotation). */
  async addKey(accountId: string, key: NewApiKey): Promise<ApiKeyRecord> {
    return this.dataSource.transaction(async (manager) => {
      const [account] = (await manager.query(
        `SELECT ${ACCOUNT_COLUMNS} FROM auth.service_accounts a WHERE a.account_id = $1 FOR SHARE`,
        [accountId],
      )) as AccountRow[];
      if (!account) throw accountNotFound(accountId);
      if (account.disabled_at) {
        throw new AccountError('account.disabled', `Service account "${accountId}" is disabled; it gets no new keys.`, 'accountId');
      }
      return insertKey(manager, accountId, key);
    });
  }

  /** Revokes one key (revoking it again keeps the first revocation time). */
  async revokeKey(accountId: string, keyId: string, now: Date): Promise<ApiKeyRecord> {
    const [row] = (await this.dataSource.query(
      `WITH revoked AS (
         UPDATE auth.api_keys k SET revoked_at = coalesce(k.revoked_at, $3)
         WHERE k.account_id = $1 AND k.key_id = $2 RETURNING ${KEY_COLUMNS}
       ) SELECT * FROM revoked`,
      [accountId, keyId, now],
    )) as KeyRow[];
    if (!row) throw new AccountError('key.not-found', `Service account "${accountId}" has no key "${keyId}".`, 'keyId');
    return toKeyRecord(row);
  }

  /** Disables the account: none of its keys authenticates any more (it is kept for the record). */
  async disableAccount(accountId: string, now: Date): Promise<ServiceAccount> {
    const [row] = (await this.dataSource.query(
      `WITH disabled AS (
         UPDATE auth.service_accounts a SET disabled_at = coalesce(a.disabled_at, $2)
         WHERE a.account_id = $1 RETURNING ${ACCOUNT_COLUMNS}
       ) SELECT * FROM disabled`,
      [accountId, now],
    )) as AccountRow[];
    if (!row) throw accountNotFound(accountId);
    return toAccount(row);
  }

  async findCredential(keyId: string): Promise<StoredCredential | null> {
    const [row] = (await this.dataSource.query(
      `SELECT ${ACCOUNT_COLUMNS}, k.key_id, k.secret_sha256, k.expires_at, k.revoked_at
       FROM auth.api_keys k JOIN auth.service_accounts a USING (account_id) WHERE k.key_id = $1`,
      [keyId],
    )) as Array<AccountRow & { key_id: string; secret_sha256: Buffer; expires_at: Date | null; revoked_at: Date | null }>;
    if (!row) return null;
    return { keyId: row.key_id, secretSha256: row.secret_sha256, expiresAt: row.expires_at, revokedAt: row.revoked_at, account: toAccount(row) };
  }
}

async function insertKey(manager: EntityManager, accountId: string, key: NewApiKey): Promise<ApiKeyRecord> {
  const [row] = (await manager.query(
    `INSERT INTO auth.api_keys AS k (key_id, account_id, secret_sha256, expires_at) VALUES ($1, $2, $3, $4)
     RETURNING ${KEY_COLUMNS}`,
    [key.keyId, accountId, key.secretSha256, key.expiresAt],
  )) as KeyRow[];
  return toKeyRecord(row as KeyRow);
}

function accountNotFound(accountId: string): AccountError {
  return new AccountError('account.not-found', `No service account "${accountId}" exists.`, 'accountId');
}

function toAccount(row: AccountRow): ServiceAccount {
  return {
    accountId: row.account_id,
    displayName: row.display_name,
    roles: row.roles,
    partnershipScope: row.partnership_scope,
    teamScope: row.team_scope,
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}

function toKeyRecord(row: KeyRow): ApiKeyRecord {
  return {
    keyId: row.key_id,
    accountId: row.account_id,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
