/**
 * The ownership views: who owns and decides what, per partnership and across all.
 * Gaps and team responsibilities are in `responsibility.views.ts`.
 */
import { RACI_ROLES, type RaciRole } from '@ledger/contracts';
import { partnershipStatusSql } from '../facts/partnership.facts';
import { stampColumns, type ViewDefinition } from '../sql/view-definition';

export const partnershipOverviewView: ViewDefinition = {
  name: 'partnership_overview',
  comment: 'One row per partnership: status, the agreement version in force (and since when) and its partners.',
  columnComments: {
    status: 'proposed, active, suspended or terminated; a proposed partnership is active once an agreement version is in force.',
    latest_agreement_version: 'The newest version of the agreement text, signed by everyone or not.',
  },
  select: (table) => `SELECT p.partnership_id, p.name, p.purpose, ${partnershipStatusSql('p')} AS status,
  p.agreement_version_in_force, p.agreement_in_force_since, p.latest_agreement_version,
  ARRAY(SELECT pt.team_id FROM ${table('partners')} pt WHERE pt.partnership_id = p.partnership_id ORDER BY pt.team_id)
    AS partner_team_ids,
  p.proposed_by, p.proposed_at, p.lifecycle_changed_at, p.lifecycle_reason, ${stampColumns('p')}
FROM ${table('partnerships')} p`,
};

export const partnershipPartnersView: ViewDefinition = {
  name: 'partnership_partners',
  comment: 'One row per partner of a partnership.',
  select: (table) => `SELECT pt.partnership_id, pt.team_id, pt.display_name, pt.joined_at, ${stampColumns('pt')}
FROM ${table('partners')} pt`,
};

export const agreementVersionHistoryView: ViewDefinition = {
  name: 'agreement_version_history',
  comment:
    'Every version of every agreement (a slowly changing dimension): its scope, who signed it, and when it was in force. ' +
    'The agreement as it stood at time T is the row with valid_from <= T < valid_to (or valid_to NULL).',
  columnComments: {
    valid_from: 'When the version came into force (its activation); NULL if it never did.',
    valid_to: 'When a later version came into force or the partnership was terminated; NULL while in force.',
  },
  select: (table) => `SELECT v.partnership_id, v.agreement_version, v.scope, v.amendment_reason, v.defined_at,
  v.activated_at AS valid_from,
  CASE WHEN v.activated_at IS NOT NULL THEN COALESCE(
    (SELECT min(later.activated_at) FROM ${table('agreement_versions')} later
      WHERE later.partnership_id = v.partnership_id AND later.activated_at > v.activated_at),
    CASE WHEN p.lifecycle_status = 'terminated' THEN p.lifecycle_changed_at END) END AS valid_to,
  v.agreement_version IS NOT DISTINCT FROM p.agreement_version_in_force AND p.lifecycle_status <> 'terminated' AS in_force,
  ARRAY(SELECT s.team_id FROM ${table('agreement_signatures')} s
    WHERE s.partnership_id = v.partnership_id AND s.agreement_version = v.agreement_version ORDER BY s.team_id) AS signed_by,
  ${stampColumns('v')}
FROM ${table('agreement_versions')} v
JOIN ${table('partnerships')} p ON p.partnership_id = v.partnership_id`,
};

export const metricOwnershipView: ViewDefinition = {
  name: 'metric_ownership',
  comment: 'Every shared metric with its owning partner and since when it owns it.',
  select: (table) => `SELECT m.partnership_id, m.metric_id, m.name, m.definition, m.owner_team_id, m.owner_since,
  m.indicator, m.unit, m.direction, m.cadence, m.vocabulary_term, m.retired_at IS NULL AS active,
  m.defined_at, m.retired_at, m.retirement_reason, ${stampColumns('m')}
FROM ${table('metrics')} m`,
};

export const metricOwnershipHistoryView: ViewDefinition = {
  name: 'metric_ownership_history',
  comment: 'Every change of a metric\'s owner, in ledger order: who owned it from when until when.',
  columnComments: {
    owned_until: 'When the next owner took over; NULL for the current owner.',
  },
  select: (table) => `SELECT c.partnership_id, c.metric_id, m.name AS metric_name, c.from_team_id, c.to_team_id AS owner_team_id,
  c.reason, c.occurred_at AS owned_from,
  LEAD(c.occurred_at) OVER (PARTITION BY c.partnership_id, c.metric_id ORDER BY c.last_position) AS owned_until,
  ${stampColumns('c')}
FROM ${table('metric_ownership_changes')} c
JOIN ${table('metrics')} m ON m.partnership_id = c.partnership_id AND m.metric_id = c.metric_id`,
};

export const decisionRightsHeldView: ViewDefinition = {
  name: 'decision_rights_held',
  comment: 'Every decision right (RACI role) a team holds now in a decision area, and since when.',
  select: (table) => `SELECT r.partnership_id, r.decision_area, r.team_id, r.role, r.held_since, ${stampColumns('r')}
FROM ${table('decision_rights')} r
WHERE r.held`,
};

const teamsHolding = (table: (name: string) => string, role: RaciRole) =>
  `ARRAY(SELECT r.team_id FROM ${table('decision_rights')} r
    WHERE r.partnership_id = area.partnership_id AND r.decision_area = area.decision_area
      AND r.held AND r.role = '${role}' ORDER BY r.team_id) AS ${role}`;

export const raciMatrixView: ViewDefinition = {
  name: 'raci_matrix',
  comment:
    'One row per decision area of a partnership, with the teams Responsible, Accountable, Consulted and Informed now. ' +
    'Since when each right is held: see decision_rights_held.',
  select: (table) => `SELECT area.partnership_id, area.decision_area,
  ${RACI_ROLES.map((role) => teamsHolding(table, role)).join(',\n  ')}
FROM (SELECT DISTINCT r.partnership_id, r.decision_area FROM ${table('decision_rights')} r) area`,
};

export const assetRegisterView: ViewDefinition = {
  name: 'asset_register',
  comment: 'Every asset a partner brings, with its owner, steward and the agreed parameters of its use.',
  columnComments: { usage: 'The usage parameters as a JSON array of {"name", "value"}.' },
  select: (table) => `SELECT a.partnership_id, a.asset_id, a.name, a.kind, a.owner_team_id, a.steward, a.usage, a.description,
  a.registered_at, a.usage_amended_at, a.amendment_reason, ${stampColumns('a')}
FROM ${table('assets')} a`,
};
