/**
 * Did partners keep their word: contribution fulfilment per partner, and every decision
 * judged against the decision rights its decider held at that point of the ledger.
 *
 * The rights check is the projection's own, independent of the ledger's: it replays
 * `decision_right_changes` up to the decision's ledger position, so a later assignment
 * or revocation never changes the verdict on an earlier decision.
 */
import { DECIDING_ROLES, RACI_ROLES } from '@ledger/contracts';
import { stampColumns, sqlTextArray, type ViewDefinition } from '../sql/view-definition';
import { CONTRIBUTION_STATUS_VIEW } from '../views/shared.views';

export const DECISION_AUDIT_VIEW = 'decision_audit';

export const contributionFulfilmentView: ViewDefinition = {
  name: 'contribution_fulfilment',
  comment: 'Per partner of a partnership: contributions committed, delivered (on time or late), overdue, withdrawn.',
  columnComments: {
    share_delivered: 'delivered / (committed - withdrawn); NULL when nothing is left committed.',
    share_on_time: 'delivered_on_time / delivered; NULL when nothing was delivered.',
    open: 'Committed, not delivered, not yet due.',
  },
  select: (table) => `SELECT team.partnership_id, team.team_id, pt.display_name,
  count(c.contribution_id) AS committed,
  count(*) FILTER (WHERE c.status = 'withdrawn') AS withdrawn,
  count(*) FILTER (WHERE c.status = 'delivered') AS delivered,
  count(*) FILTER (WHERE c.delivered_on_time) AS delivered_on_time,
  count(*) FILTER (WHERE NOT c.delivered_on_time) AS delivered_late,
  count(*) FILTER (WHERE c.status = 'overdue') AS overdue,
  count(*) FILTER (WHERE c.status = 'committed') AS open,
  (count(*) FILTER (WHERE c.status = 'delivered'))::numeric
    / NULLIF(count(*) FILTER (WHERE c.status <> 'withdrawn'), 0) AS share_delivered,
  (count(*) FILTER (WHERE c.delivered_on_time))::numeric
    / NULLIF(count(*) FILTER (WHERE c.status = 'delivered'), 0) AS share_on_time
FROM (
  SELECT partnership_id, team_id FROM ${table('partners')}
  UNION SELECT partnership_id, team_id FROM ${table('contributions')}
) team
LEFT JOIN ${table('partners')} pt ON pt.partnership_id = team.partnership_id AND pt.team_id = team.team_id
LEFT JOIN ${table(CONTRIBUTION_STATUS_VIEW)} c ON c.partnership_id = team.partnership_id AND c.team_id = team.team_id
GROUP BY team.partnership_id, team.team_id, pt.display_name`,
};

export const decisionAuditView: ViewDefinition = {
  name: DECISION_AUDIT_VIEW,
  comment:
    'Every recorded decision with the rights its decider held in the decision area at that point of the ledger, ' +
    'and whether it was taken within the agreed decision rights.',
  columnComments: {
    rights_held: "The decider's RACI roles in the area just before the decision, by ledger position.",
    within_rights: `True when rights_held includes a deciding role (${DECIDING_ROLES.join(' or ')}).`,
    claimed_authority_held: 'Whether the authority the decision claimed is among rights_held.',
  },
  // A decision row is written once, so its last_position is the decision's own position.
  select: (table) => `SELECT d.partnership_id, d.decision_id, d.decision_area, d.decided_by, d.claimed_authority, d.title,
  d.rationale, d.decided_at, held.rights AS rights_held,
  held.rights && ${sqlTextArray(DECIDING_ROLES)} AS within_rights,
  d.claimed_authority = ANY (held.rights) AS claimed_authority_held,
  ${stampColumns('d')}
FROM ${table('decisions')} d
CROSS JOIN LATERAL (
  SELECT ARRAY(
    SELECT latest.role FROM (
      SELECT DISTINCT ON (c.role) c.role, c.change
      FROM ${table('decision_right_changes')} c
      WHERE c.partnership_id = d.partnership_id AND c.decision_area = d.decision_area
        AND c.team_id = d.decided_by AND c.last_position < d.last_position
      ORDER BY c.role, c.last_position DESC
    ) latest
    WHERE latest.change = 'assigned'
    ORDER BY array_position(${sqlTextArray(RACI_ROLES)}, latest.role)
  ) AS rights
) held`,
};

export const decisionsOutsideRightsView: ViewDefinition = {
  name: 'decisions_outside_rights',
  comment: 'The decisions taken by a team holding no deciding right in the area at that point.',
  select: (table) => `SELECT * FROM ${table(DECISION_AUDIT_VIEW)} WHERE NOT within_rights`,
};
