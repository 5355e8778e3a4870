/**
 * The BI role's least privilege, proven by connecting as a BI login the way a BI tool
 * does: every documented view reads, and nothing else does - not the event store, not
 * the projections, not another service's schema - and nothing can be written or
 * created anywhere.
 */
import { randomBytes } from 'node:crypto';
import { migrateAuditSchema } from '@ledger/audit';
import { openAuthDataSource } from '@ledger/auth';
import { Client, escapeIdentifier } from 'pg';
import { BI_VIEWS } from '../catalogue/catalogue';
import { createBiLogin } from '../login/bi-login';
import { openBiTestDatabase, type BiTestDatabase } from '../testing/bi-test-database';
import { BI_ROLE } from './bi-role';

jest.setTimeout(120_000);

const INSUFFICIENT_PRIVILEGE = '42501';
const CATALOG_SCHEMAS = ['bi', 'pg_catalog', 'information_schema', 'pg_toast'];

describe('the BI role', () => {
  let database: BiTestDatabase;
  let login: string;
  let bi: Client;

  beforeAll(async () => {
    database = await openBiTestDatabase();
    // Every other schema of the product, created after the BI schema by its own service's migrations.
    await migrateAuditSchema(database.url);
    const auth = await openAuthDataSource({ url: database.url });
    await auth.destroy();
    login = `bi_test_${randomBytes(5).toString('hex')}`;
    await createBiLogin({ databaseUrl: database.url, login });
    const url = new URL(database.url);
    url.username = login;
    bi = new Client({ connectionString: url.toString() });
    await bi.connect();
  });

  afterAll(async () => {
    await bi?.end();
    await database?.close();
    if (login) await dropRole(login);
  });

  /**
   * The SQLSTATE the statement fails with as the BI login, or 'ok'. It runs in a
   * read-write transaction: read-only is only the login's default, which a tool may
   * change, so what is proven here is the lack of privilege.
   */
  async function outcome(sql: string): Promise<string> {
    await bi.query('BEGIN TRANSACTION READ WRITE');
    try {
      await bi.query(sql);
      return 'ok';
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    } finally {
      await bi.query('ROLLBACK');
    }
  }

  it('reads every column of every row of every documented view', async () => {
    for (const view of BI_VIEWS) {
      // Every column of every row: what a view computes (a function it calls, say) runs only when read.
      const { rows } = await bi.query(`SELECT * FROM bi.${escapeIdentifier(view.name)}`);
      expect({ view: view.name, read: rows.length > 0 }).toEqual({ view: view.name, read: true });
    }
  });

  it('cannot read a single table or view outside schema bi: not the event store, the projections, the accounts or the audit', async () => {
    const { rows } = await database.pool.query<{ schema: string; name: string }>(
      `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND n.nspname <> ALL ($1) ORDER BY 1, 2`,
      [CATALOG_SCHEMAS],
    );
    const relations = rows.map(({ schema, name }) => `${schema}.${name}`);
    expect(relations).toEqual(
      expect.arrayContaining(['ledger.events', 'ownership.partnerships', 'reporting.readings', 'auth.api_keys', 'audit.checkpoints']),
    );
    const readable = [];
    for (const relation of relations) {
      const [schema, name] = relation.split('.');
      if ((await outcome(`SELECT 1 FROM ${escapeIdentifier(schema)}.${escapeIdentifier(name)} LIMIT 1`)) !== INSUFFICIENT_PRIVILEGE) readable.push(relation);
    }
    expect(readable).toEqual([]);
  });

  it('holds no privilege to insert, update, delete or truncate any view, and is refused when it tries', async () => {
    const { rows } = await database.pool.query(
      `SELECT c.relname AS view, p.privilege FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p(privilege)
       WHERE n.nspname = 'bi' AND has_table_privilege($1, c.oid, p.privilege)`,
      [login],
    );
    expect(rows).toEqual([]);
    expect(await outcome('DELETE FROM ledger.events')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome('UPDATE reporting.readings SET value = 0')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome('DELETE FROM bi.fact_contribution_v1')).not.toBe('ok');
  });

  it('cannot create anything: tables in bi or public, temporary tables, schemas, views, functions', async () => {
    expect(await outcome('CREATE TABLE bi.notes (note text)')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome('CREATE TABLE public.notes (note text)')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome('CREATE TEMPORARY TABLE notes (note text)')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome('CREATE SCHEMA scratch')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome('CREATE VIEW bi.mine AS SELECT 1 AS one')).toBe(INSUFFICIENT_PRIVILEGE);
    expect(await outcome('CREATE FUNCTION public.one() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$')).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('logs in as a plain member of the BI role, reading in read-only transactions by default', async () => {
    const { rows } = await database.pool.query(
      `SELECT r.rolcanlogin, r.rolsuper, r.rolcreatedb, r.rolcreaterole, r.rolreplication, r.rolbypassrls,
         pg_has_role(r.rolname, $2, 'MEMBER') AS bi_member
       FROM pg_roles r WHERE r.rolname = $1`,
      [login, BI_ROLE],
    );
    expect(rows[0]).toEqual({
      rolcanlogin: true,
      rolsuper: false,
      rolcreatedb: false,
      rolcreaterole: false,
      rolreplication: false,
      rolbypassrls: false,
      bi_member: true,
    });
    expect((await bi.query('SHOW default_transaction_read_only')).rows[0]).toEqual({ default_transaction_read_only: 'on' });
  });

  it('gets its rows from views that run with their owner\'s rights, not the reader\'s (security_invoker off)', async () => {
    const { rows } = await database.pool.query(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'bi' AND 'security_invoker=true' = ANY (coalesce(c.reloptions, '{}'))`,
    );
    expect(rows).toEqual([]);
  });

  it('keeps the login a BI login when its password is set again, without creating it twice', async () => {
    const again = await createBiLogin({ databaseUrl: database.url, login, password: 'another-password-of-enough-length' });
    expect(again).toMatchObject({ login, created: false, passwordGenerated: false });
    const { rows } = await database.pool.query(`SELECT pg_has_role($1, $2, 'MEMBER') AS member`, [login, BI_ROLE]);
    expect(rows[0].member).toBe(true);
  });

  it('refuses to turn a superuser into a BI login', async () => {
    await expect(createBiLogin({ databaseUrl: database.url, login: 'postgres' })).rejects.toThrow(/superuser/);
  });
});

async function dropRole(role: string): Promise<void> {
  const admin = new Client({ connectionString: process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  try {
    await admin.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`);
  } finally {
    await admin.end();
  }
}
