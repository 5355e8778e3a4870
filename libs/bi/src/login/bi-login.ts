/**
 * A login role for one BI tool (Metabase, Superset, Power BI, ...): it can log in, is a
 * member of the BI role and nothing more, reads in read-only transactions by default,
 * and its statements and idle transactions time out, so a runaway dashboard cannot
 * hold the database. One login per tool means one tool's access is revoked alone
 * (`DROP ROLE <login>`). Running it again for an existing login sets a new password.
 */
import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import { BI_ROLE } from '../install/bi-role';
import { assertScramPassword, scramVerifier } from './scram-verifier';

export const DEFAULT_BI_LOGIN = 'bi_reader';
const LOGIN_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Session settings of every BI login. */
export const BI_LOGIN_SETTINGS = {
  default_transaction_read_only: 'on',
  statement_timeout: '5min',
  idle_in_transaction_session_timeout: '10min',
} as const;
export const BI_LOGIN_CONNECTION_LIMIT = 20;

export interface BiLoginRequest {
  /** An administrator's connection (it creates roles): the service's DATABASE_URL. */
  readonly databaseUrl: string;
  readonly login?: string;
  /** Generated (32 random bytes, base64url) when absent. */
  readonly password?: string;
}

export interface BiLogin {
  readonly login: string;
  readonly password: string;
  readonly passwordGenerated: boolean;
  readonly created: boolean;
}

export async function createBiLogin(request: BiLoginRequest): Promise<BiLogin> {
  const login = request.login ?? DEFAULT_BI_LOGIN;
  if (!LOGIN_NAME.test(login) || login === BI_ROLE) {
    throw new Error(`"${login}" cannot be a BI login: use lower-case letters, digits and underscores, and not ${BI_ROLE}.`);
  }
  const password = request.password ?? randomBytes(32).toString('base64url');
  assertScramPassword(password);
  const client = new Client({ connectionString: request.databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const created = await upsertLogin(client, login, password);
    await client.query('COMMIT');
    return { login, password, passwordGenerated: request.password === undefined, created };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function upsertLogin(client: Client, login: string, password: string): Promise<boolean> {
  const { rows: groups } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [BI_ROLE]);
  if (groups.length === 0) throw new Error(`The role ${BI_ROLE} does not exist yet: start the query API once (it creates it).`);
  const { rows } = await client.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = $1', [login]);
  if (rows[0]?.rolsuper) throw new Error(`Role ${login} is a superuser; it cannot be turned into a read-only BI login.`);
  const name = escapeIdentifier(login);
  const attributes = `LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT CONNECTION LIMIT ${BI_LOGIN_CONNECTION_LIMIT}`;
  const passwordClause = `PASSWORD ${escapeLiteral(scramVerifier(password))}`;
  await client.query(`${rows.length === 0 ? 'CREATE' : 'ALTER'} ROLE ${name} ${attributes} ${passwordClause}`);
  await client.query(`GRANT ${escapeIdentifier(BI_ROLE)} TO ${name}`);
  for (const [setting, value] of Object.entries(BI_LOGIN_SETTINGS)) {
    await client.query(`ALTER ROLE ${name} SET ${setting} = ${escapeLiteral(value)}`);
  }
  return rows.length === 0;
}
