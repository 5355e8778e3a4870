/**
 * `dim_decision_area_v1`: the RACI of each decision area as it stands, from the
 * ownership projection's decision rights. Revoked rights stay in that table, marked,
 * so the newest change to an area (a revocation included) stamps its row.
 */
import { RACI_ROLES, type RaciRole } from '@ledger/contracts';
import type { BiView } from '../bi-view';
import { compositeKey, ledgerStampColumns, optional, required, type BiColumn } from '../column';
import { ownership } from '../sources';

const holding = (role: RaciRole) => `r.held AND r.role = '${role}'`;

/** The teams holding `role` now, comma-separated in alphabetical order. */
const teamsHolding = (role: RaciRole) => `string_agg(r.team_id, ',' ORDER BY r.team_id) FILTER (WHERE ${holding(role)}) AS ${role}`;

const latest = (column: string) => `(array_agg(r.${column} ORDER BY r.last_position DESC))[1]`;

const ROLE_DESCRIPTIONS: Record<RaciRole, string> = {
  responsible: 'Teams Responsible (do the work and may decide)',
  accountable: 'Team Accountable (answers for the outcome and may decide; the agreement names exactly one)',
  consulted: 'Teams Consulted before a decision',
  informed: 'Teams Informed after a decision',
};

const roleColumns: BiColumn[] = RACI_ROLES.map((role) =>
  optional(
    role === 'accountable' ? 'accountable_team_key' : `${role}_team_keys`,
    'text',
    `area.${role}`,
    `${ROLE_DESCRIPTIONS[role]}, comma-separated; NULL when none holds the role.`,
  ),
);

export const dimDecisionArea: BiView = {
  name: 'dim_decision_area_v1',
  kind: 'dimension',
  grain: 'one row per decision area of a partnership',
  description: 'Every decision area (investments, vendor choice, ...) with the teams holding each RACI role in it now.',
  key: { column: 'decision_area_key', parts: ['partnership_key', 'decision_area'] },
  columns: [
    required('decision_area_key', 'text', compositeKey('area.partnership_id', 'area.decision_area'), 'Key of the row: partnership_key~decision_area.'),
    required('partnership_key', 'text', 'area.partnership_id', 'The partnership (dim_partnership_v1).'),
    required('decision_area', 'text', 'area.decision_area', 'The decision area, e.g. marketing-technology-investments.'),
    ...roleColumns,
    optional('accountable_since', 'timestamptz', 'area.accountable_since', 'Since when (UTC) the Accountable team holds that right; NULL without one.'),
    ...ledgerStampColumns('area.last_position', 'area.occurred_at', 'area.recorded_at'),
  ],
  from: `FROM (
  SELECT r.partnership_id, r.decision_area,
    ${RACI_ROLES.map(teamsHolding).join(',\n    ')},
    min(r.held_since) FILTER (WHERE ${holding('accountable')}) AS accountable_since,
    max(r.last_position) AS last_position, ${latest('occurred_at')} AS occurred_at, ${latest('recorded_at')} AS recorded_at
  FROM ${ownership('decision_rights')} r
  GROUP BY r.partnership_id, r.decision_area
) area`,
};
