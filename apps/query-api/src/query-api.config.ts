/**
 * The query API's configuration: every setting, its environment variable and a default
 * that runs the local stack. Validated once at start-up.
 *
 * `DATABASE_URL` names the ledger's database and a user that owns the projection schemas
 * (the same user the projectors use): it runs the start-up migrations and owns the BI
 * views. Every query then runs as the BI role (`alignment_bi`), set when a connection
 * opens, so the service itself can read schema `bi` and nothing else.
 */
import { loadConfig } from '@ledger/platform';
import { IsInt, IsString, Max, Min, MinLength } from 'class-validator';

export class QueryApiConfig {
  @IsInt() @Min(0) @Max(65535) port = 3004;
  @IsString() @MinLength(1) databaseUrl = 'postgres://postgres@127.0.0.1:5432/alignment_ledger';
  @IsInt() @Min(1) @Max(200) databasePoolSize = 10;
  /** Longest a single statement may run (a page, or one batch of an export) before it is cancelled. */
  @IsInt() @Min(100) @Max(3_600_000) statementTimeoutMs = 30_000;
}

export const QUERY_API_ENVIRONMENT = {
  port: 'PORT',
  databaseUrl: 'DATABASE_URL',
  databasePoolSize: 'DATABASE_POOL_SIZE',
  statementTimeoutMs: 'QUERY_STATEMENT_TIMEOUT_MS',
} as const satisfies Record<keyof QueryApiConfig, string>;

export function loadQueryApiConfig(env: NodeJS.ProcessEnv = process.env): QueryApiConfig {
  return loadConfig(QueryApiConfig, QUERY_API_ENVIRONMENT, env);
}
