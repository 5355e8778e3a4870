/**
 * Which period of a cadence an instant falls in (UTC; ISO weeks), written inline in a
 * view. The reporting projection has the same rules as SQL functions in its own schema,
 * but a view cannot call them for the BI role: PostgreSQL runs a SQL function's body
 * with the caller's rights, and the BI role has no access to that schema. An
 * integration test checks these expressions against the projection's functions.
 */
import type { Cadence } from '@ledger/contracts';

const TRUNCATE_TO: Record<Cadence, string> = { daily: 'day', weekly: 'week', monthly: 'month', quarterly: 'quarter', yearly: 'year' };
const LENGTH: Record<Cadence, string> = { daily: '1 day', weekly: '1 week', monthly: '1 month', quarterly: '3 months', yearly: '1 year' };
/** The ledger's period notation: 2025-03-01, 2025-W09 (ISO year and week), 2025-03, 2025-Q1, 2025. */
const LABEL: Record<Cadence, string> = {
  daily: 'YYYY-MM-DD',
  weekly: 'IYYY-"W"IW',
  monthly: 'YYYY-MM',
  quarterly: 'YYYY-"Q"Q',
  yearly: 'YYYY',
};

const byCadence = (cadence: string, values: Record<Cadence, string>) =>
  `CASE ${cadence} ${Object.entries(values).map(([name, value]) => `WHEN '${name}' THEN '${value.replace(/'/g, "''")}'`).join(' ')} END`;

/** First day of the period of `cadence` holding `instant`. */
export function periodStart(cadence: string, instant: string): string {
  return `date_trunc(${byCadence(cadence, TRUNCATE_TO)}, ${instant} AT TIME ZONE 'UTC')::date`;
}

/** First day after that period. */
export function periodEnd(cadence: string, instant: string): string {
  return `(${periodStart(cadence, instant)} + ${byCadence(cadence, LENGTH)}::interval)::date`;
}

export function periodLabel(cadence: string, instant: string): string {
  return `to_char(${periodStart(cadence, instant)}, ${byCadence(cadence, LABEL)})`;
}
