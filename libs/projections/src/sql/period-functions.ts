/**
 * SQL twins of the domain's period rules (`periodOf` in `@ledger/domain`), created in
 * each projection schema so its views can place an instant in a period of a cadence:
 * which week an SLA observation falls in, which month is current for a target.
 * Everything is UTC. An integration test checks them against the domain's functions.
 */
import { qualifiedName } from './identifiers';

export const PERIOD_START_FUNCTION = 'period_start_of';
export const PERIOD_END_FUNCTION = 'period_end_of';
export const PERIOD_FUNCTION = 'period_of';

export function periodFunctionDefinitions(schema: string): string[] {
  const startOf = qualifiedName(schema, PERIOD_START_FUNCTION);
  return [
    `CREATE FUNCTION ${startOf}(cadence text, at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT date_trunc(
    CASE cadence WHEN 'daily' THEN 'day' WHEN 'weekly' THEN 'week' WHEN 'monthly' THEN 'month'
      WHEN 'quarterly' THEN 'quarter' WHEN 'yearly' THEN 'year' END,
    at AT TIME ZONE 'UTC')::date
$$`,
    `CREATE FUNCTION ${qualifiedName(schema, PERIOD_END_FUNCTION)}(cadence text, at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (${startOf}(cadence, at) + CASE cadence WHEN 'daily' THEN interval '1 day'
    WHEN 'weekly' THEN interval '1 week' WHEN 'monthly' THEN interval '1 month'
    WHEN 'quarterly' THEN interval '3 months' WHEN 'yearly' THEN interval '1 year' END)::date
$$`,
    // Weeks are ISO weeks, written with the ISO year (IYYY) as the domain writes them.
    `CREATE FUNCTION ${qualifiedName(schema, PERIOD_FUNCTION)}(cadence text, at timestamptz) RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT to_char(${startOf}(cadence, at), CASE cadence WHEN 'daily' THEN 'YYYY-MM-DD'
    WHEN 'weekly' THEN 'IYYY-"W"IW' WHEN 'monthly' THEN 'YYYY-MM'
    WHEN 'quarterly' THEN 'YYYY-"Q"Q' WHEN 'yearly' THEN 'YYYY' END)
$$`,
  ];
}

export function dropPeriodFunctionStatements(schema: string): string[] {
  return [PERIOD_FUNCTION, PERIOD_END_FUNCTION, PERIOD_START_FUNCTION].map(
    (name) => `DROP FUNCTION IF EXISTS ${qualifiedName(schema, name)}(text, timestamptz)`,
  );
}
