/**
 * A fresh, empty PostgreSQL database per integration test file, on the real server of
 * the test stack. Each file owns its database, so files can run in parallel without
 * seeing each other's rows, and `drop()` removes it even while connections linger.
 */
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';

export interface TestDatabase {
  /** Connection URL of the new database (same server and credentials as the admin URL). */
  url: string;
  name: string;
  /** Drops the database, closing any connection still open on it. */
  drop(): Promise<void>;
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const SAFE_PREFIX = /^[a-z_][a-z0-9_]{0,40}$/;

export async function createTestDatabase(prefix = 'al_test'): Promise<TestDatabase> {
  if (!SAFE_PREFIX.test(prefix)) {
    throw new Error(`Test database prefix "${prefix}" must be lower-case letters, digits and underscores (at most 41).`);
  }
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL ?? DEFAULT_ADMIN_URL;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await runAsAdmin(adminUrl, `CREATE DATABASE "${name}"`);
  return {
    url: urlOfDatabase(adminUrl, name),
    name,
    drop: () => runAsAdmin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

/**
 * A pg pool on a test database. `Pool.end()` resolves once its idle connections are asked
 * to close, not once they have: the `drop()` that follows can terminate one first, and the
 * FATAL it sends is emitted by the pool as `error`, which fails the whole test file when
 * nothing listens. A test that wants to see broken connections listens on the pool itself.
 */
export function createTestPool(url: string, max: number): Pool {
  const pool = new Pool({ connectionString: url, max });
  pool.on('error', ignoreConnectionClosedAtTeardown);
  return pool;
}

function ignoreConnectionClosedAtTeardown(): void {}

function urlOfDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function runAsAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
