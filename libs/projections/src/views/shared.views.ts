/**
 * Views both projections need: where each contribution stands today, and which of the
 * five rules of engagement a partnership's agreement covers.
 */
import { RULES_OF_ENGAGEMENT } from '@ledger/contracts';
import type { ViewDefinition } from '../sql/view-definition';

export const CONTRIBUTION_STATUS_VIEW = 'contribution_status';
export const RULES_OF_ENGAGEMENT_COVERAGE_VIEW = 'rules_of_engagement_coverage';

/** Today's calendar date in UTC: due dates are UTC calendar days. */
const TODAY_UTC = `(now() AT TIME ZONE 'UTC')::date`;

export const contributionStatusView: ViewDefinition = {
  name: CONTRIBUTION_STATUS_VIEW,
  comment:
    'Every contribution a partner committed, with its status at query time: committed (not yet due), ' +
    'delivered, overdue (due date passed, not delivered) or withdrawn.',
  columnComments: {
    status: "withdrawn if withdrawn; else delivered if delivered; else overdue if due_date < today (UTC); else committed.",
    delivered_on_time: 'For deliveries: delivered on or before the due date (UTC calendar day). NULL otherwise.',
    days_past_due: 'Days between the due date and the delivery (late deliveries) or today (overdue ones); 0 when on time.',
  },
  select: (table) => `SELECT c.partnership_id, c.contribution_id, c.team_id, c.kind, c.description, c.quantity, c.unit,
  c.due_date, c.committed_at, c.delivered_at, c.evidence, c.withdrawn_at, c.withdrawal_reason,
  CASE
    WHEN c.withdrawn_at IS NOT NULL THEN 'withdrawn'
    WHEN c.delivered_at IS NOT NULL THEN 'delivered'
    WHEN c.due_date < ${TODAY_UTC} THEN 'overdue'
    ELSE 'committed'
  END AS status,
  CASE WHEN c.withdrawn_at IS NULL AND c.delivered_at IS NOT NULL
    THEN (c.delivered_at AT TIME ZONE 'UTC')::date <= c.due_date END AS delivered_on_time,
  CASE
    WHEN c.withdrawn_at IS NOT NULL THEN NULL
    WHEN c.delivered_at IS NOT NULL THEN GREATEST((c.delivered_at AT TIME ZONE 'UTC')::date - c.due_date, 0)
    ELSE GREATEST(${TODAY_UTC} - c.due_date, 0)
  END AS days_past_due,
  c.last_position, c.occurred_at, c.recorded_at
FROM ${table('contributions')} c`,
};

const [SCOPE, CONTRIBUTION, PERFORMANCE, DECISION_MAKING, ASSET_MANAGEMENT] = RULES_OF_ENGAGEMENT;

export const rulesOfEngagementCoverageView: ViewDefinition = {
  name: RULES_OF_ENGAGEMENT_COVERAGE_VIEW,
  comment:
    'Per partnership, which of the five rules of engagement its agreement covers: scope defined; at least one ' +
    'contribution (not withdrawn); one metric (not retired); one decision area with a right held; one asset.',
  columnComments: {
    rules_covered: 'How many of the five rules are covered (0..5).',
    missing_rules: `The rules not covered, named as in the contracts: ${RULES_OF_ENGAGEMENT.join(', ')}.`,
  },
  select: (table) => `SELECT facts.*,
  facts.scope_defined::int + facts.has_contribution::int + facts.has_metric::int
    + facts.has_decision_rights::int + facts.has_asset::int AS rules_covered,
  array_remove(ARRAY[
    CASE WHEN NOT facts.scope_defined THEN '${SCOPE}' END,
    CASE WHEN NOT facts.has_contribution THEN '${CONTRIBUTION}' END,
    CASE WHEN NOT facts.has_metric THEN '${PERFORMANCE}' END,
    CASE WHEN NOT facts.has_decision_rights THEN '${DECISION_MAKING}' END,
    CASE WHEN NOT facts.has_asset THEN '${ASSET_MANAGEMENT}' END
  ], NULL) AS missing_rules
FROM (
  SELECT p.partnership_id,
    p.scope_defined_at IS NOT NULL AS scope_defined,
    EXISTS (SELECT 1 FROM ${table('contributions')} c
      WHERE c.partnership_id = p.partnership_id AND c.withdrawn_at IS NULL) AS has_contribution,
    EXISTS (SELECT 1 FROM ${table('metrics')} m
      WHERE m.partnership_id = p.partnership_id AND m.retired_at IS NULL) AS has_metric,
    EXISTS (SELECT 1 FROM ${table('decision_rights')} r
      WHERE r.partnership_id = p.partnership_id AND r.held) AS has_decision_rights,
    EXISTS (SELECT 1 FROM ${table('assets')} a WHERE a.partnership_id = p.partnership_id) AS has_asset
  FROM ${table('partnerships')} p
) facts`,
};
