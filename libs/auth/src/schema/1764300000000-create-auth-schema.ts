/**
 * The `auth` schema: service accounts and their API keys. Keys are never deleted, only
 * revoked or left to expire, so who held which key when stays answerable after the fact.
 */
import type { MigrationInterface, QueryRunner } from 'typeorm';

const SERVICE_ACCOUNTS = `
  CREATE TABLE auth.service_accounts (
    account_id text PRIMARY KEY CHECK (account_id ~ '^[a-z][a-z0-9-]{1,62}$'),
    display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    roles text[] NOT NULL CHECK (
      cardinality(roles) > 0 AND roles <@ ARRAY['publisher', 'auditor', 'analyst', 'admin']::text[]
    ),
    partnership_scope text[] NULL CHECK (cardinality(partnership_scope) > 0),
    team_scope text[] NULL CHECK (cardinality(team_scope) > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    disabled_at timestamptz NULL
  )`;

const API_KEYS = `
  CREATE TABLE auth.api_keys (
    key_id text PRIMARY KEY,
    account_id text NOT NULL REFERENCES auth.service_accounts (account_id),
    secret_sha256 bytea NOT NULL CHECK (length(secret_sha256) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NULL,
    revoked_at timestamptz NULL
  )`;

export class CreateAuthSchema1764300000000 implements MigrationInterface {
  name = 'CreateAuthSchema1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE SCHEMA IF NOT EXISTS auth');
    await queryRunner.query(SERVICE_ACCOUNTS);
    await queryRunner.query(API_KEYS);
    await queryRunner.query('CREATE INDEX api_keys_account_id_idx ON auth.api_keys (account_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA auth CASCADE');
  }
}
