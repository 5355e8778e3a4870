/**
 * The read-only access of BI tools: one group role, `alignment_bi` (NOLOGIN), holding
 * USAGE on schema `bi` and SELECT on its views, and nothing else. Each BI tool logs in
 * with its own login role that is a member of it (`createBiLogin`), so a tool's access
 * can be revoked alone.
 *
 * The views run with their owner's rights (`security_invoker` stays off, PostgreSQL's
 * default): a view's owner reads the projection tables, the BI role reads only the
 * view. With `security_invoker` on, the BI role would need SELECT on the projection
 * tables themselves, and could then read them directly.
 */
import { escapeIdentifier } from 'pg';
import { BI_SCHEMA } from '../catalogue/bi-view';

export const BI_ROLE = 'alignment_bi';

const role = escapeIdentifier(BI_ROLE);
const schema = escapeIdentifier(BI_SCHEMA);

/**
 * Roles belong to the whole cluster, so databases migrating at the same moment may race
 * to create it: the loser's duplicate is not an error.
 */
export const CREATE_BI_ROLE = `DO $$
BEGIN
  CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$`;

/**
 * Nobody but the BI role reads `bi`, and nobody creates objects in `public`. TEMP is
 * revoked from PUBLIC too: creating a temporary table writes catalog rows and disk, so
 * a read-only role that may do it is not read-only, and PostgreSQL grants TEMP to
 * PUBLIC, from which it cannot be taken for one role alone. No service of the product
 * uses temporary tables; the database owner keeps the right. (Tableau uses temporary
 * tables for large filters when allowed and works without them otherwise.)
 */
export const SCHEMA_PRIVILEGES = [
  `CREATE SCHEMA IF NOT EXISTS ${schema}`,
  `REVOKE ALL ON SCHEMA ${schema} FROM PUBLIC`,
  `GRANT USAGE ON SCHEMA ${schema} TO ${role}`,
  'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
  `DO $$
BEGIN
  EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
END
$$`,
];

/**
 * The query API reads as the BI role (`SET ROLE`), so the role that runs the migrations
 * must be a member. A superuser is one implicitly; only others are granted membership.
 */
export const GRANT_BI_ROLE_TO_MIGRATOR = `DO $$
BEGIN
  IF NOT pg_has_role(current_user, '${BI_ROLE}', 'MEMBER') THEN
    EXECUTE format('GRANT %I TO %I', '${BI_ROLE}', current_user);
  END IF;
END
$$`;

/** Run after (re)creating the views: a view created anew has no grants yet. */
export const VIEW_PRIVILEGES = [`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`];
