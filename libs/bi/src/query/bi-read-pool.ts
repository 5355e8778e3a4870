/**
 * The connections the query API reads through. They log in with the service's own
 * database user (which owns the views and runs the migrations) but act as the BI role
 * from the first statement on: `role` is set in the connection's start-up options, so
 * there is no moment, and no code path, in which a query runs with more than SELECT on
 * schema `bi`. Transactions are read-only and statements time out.
 */
import { Pool } from 'pg';
import { BI_ROLE } from '../install/bi-role';

export interface BiReadPoolOptions {
  readonly databaseUrl: string;
  readonly max: number;
  readonly statementTimeoutMs: number;
  readonly applicationName: string;
}

export function createBiReadPool(options: BiReadPoolOptions): Pool {
  const settings = { role: BI_ROLE, default_transaction_read_only: 'on', statement_timeout: String(options.statementTimeoutMs) };
  return new Pool({
    connectionString: options.databaseUrl,
    max: options.max,
    application_name: options.applicationName,
    connectionTimeoutMillis: 5_000,
    options: Object.entries(settings)
      .map(([name, value]) => `-c ${name}=${value}`)
      .join(' '),
  });
}
