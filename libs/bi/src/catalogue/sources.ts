/**
 * Where BI views read from: the live projection schemas, by name. Dimensions come from
 * `ownership` (who owns what, agreements, decision rights) and facts from `reporting`
 * (readings, SLA observations, contributions, decisions), so each fact is computed by
 * the projection built for reporting. Both projections consume the same ledger topic;
 * for the moment one may be a few events ahead of the other, a fact can name a member
 * its dimension does not show yet (BI tools show it as "unknown" until it does).
 *
 * Views bind to tables by identity, not by name: after a projection rebuild switches
 * schemas, the views are created again over the live schema (`biAfterSwitchHook`).
 */
import { OWNERSHIP_SCHEMA, REPORTING_SCHEMA } from '@ledger/projections';
import { escapeIdentifier } from 'pg';

/** The projection schemas BI views read. */
export const BI_SOURCE_SCHEMAS = [OWNERSHIP_SCHEMA, REPORTING_SCHEMA] as const;

/** A table or view of the live reporting projection, e.g. `"reporting"."readings"`. */
export function reporting(name: string): string {
  return `${escapeIdentifier(REPORTING_SCHEMA)}.${escapeIdentifier(name)}`;
}

/** A table or view of the live ownership projection. */
export function ownership(name: string): string {
  return `${escapeIdentifier(OWNERSHIP_SCHEMA)}.${escapeIdentifier(name)}`;
}
