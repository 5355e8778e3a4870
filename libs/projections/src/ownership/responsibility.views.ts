/**
 * What each team answers for across all partnerships, and where agreements fall short:
 * decision areas without an Accountable, metrics without a target for the current
 * period, partners contributing nothing, and rules of engagement not covered.
 */
import { partnershipStatusSql } from '../facts/partnership.facts';
import { PERIOD_FUNCTION } from '../sql/period-functions';
import { stampColumns, type ViewDefinition } from '../sql/view-definition';
import { RULES_OF_ENGAGEMENT_COVERAGE_VIEW } from '../views/shared.views';

export const teamResponsibilitiesView: ViewDefinition = {
  name: 'team_responsibilities',
  comment:
    'Everything a team owns or answers for, across all partnerships: metrics and assets it owns, decision areas where ' +
    'it is Accountable or Responsible, and contributions it committed (not withdrawn).',
  columnComments: { responsibility: 'owner, accountable, responsible or contributor.' },
  select: (table) => `SELECT m.owner_team_id AS team_id, m.partnership_id, 'metric' AS item_kind, m.metric_id AS item_id,
  m.name AS item_name, 'owner' AS responsibility, m.owner_since AS since, ${stampColumns('m')}
FROM ${table('metrics')} m WHERE m.retired_at IS NULL
UNION ALL
SELECT a.owner_team_id, a.partnership_id, 'asset', a.asset_id, a.name, 'owner', a.registered_at, ${stampColumns('a')}
FROM ${table('assets')} a
UNION ALL
SELECT r.team_id, r.partnership_id, 'decision-area', r.decision_area, r.decision_area, r.role, r.held_since, ${stampColumns('r')}
FROM ${table('decision_rights')} r WHERE r.held AND r.role IN ('accountable', 'responsible')
UNION ALL
SELECT c.team_id, c.partnership_id, 'contribution', c.contribution_id, c.description, 'contributor', c.committed_at,
  ${stampColumns('c')}
FROM ${table('contributions')} c WHERE c.withdrawn_at IS NULL`,
};

export const agreementGapsView: ViewDefinition = {
  name: 'agreement_gaps',
  comment:
    'Where a partnership agreement falls short, one row per gap, for partnerships not terminated. The current period ' +
    'of a metric is the period of its cadence that holds now() (UTC).',
  columnComments: {
    gap: 'decision-area-without-accountable, metric-without-current-target, partner-without-contribution or missing-rule-of-engagement.',
    subject: 'The decision area, metric id, partner team id or rule of engagement concerned.',
  },
  select: (table) => `SELECT gaps.partnership_id, gaps.gap, gaps.subject, gaps.detail
FROM (
  SELECT area.partnership_id, 'decision-area-without-accountable' AS gap, area.decision_area AS subject,
    format('Decision area "%s" has no Accountable team.', area.decision_area) AS detail
  FROM (SELECT DISTINCT r.partnership_id, r.decision_area FROM ${table('decision_rights')} r) area
  WHERE NOT EXISTS (SELECT 1 FROM ${table('decision_rights')} r
    WHERE r.partnership_id = area.partnership_id AND r.decision_area = area.decision_area
      AND r.role = 'accountable' AND r.held)
  UNION ALL
  SELECT m.partnership_id, 'metric-without-current-target', m.metric_id,
    format('Metric "%s" has no target for the current %s period %s.', m.name, m.cadence,
      ${table(PERIOD_FUNCTION)}(m.cadence, now()))
  FROM ${table('metrics')} m
  WHERE m.retired_at IS NULL AND NOT EXISTS (SELECT 1 FROM ${table('metric_targets')} t
    WHERE t.partnership_id = m.partnership_id AND t.metric_id = m.metric_id
      AND t.period = ${table(PERIOD_FUNCTION)}(m.cadence, now()))
  UNION ALL
  SELECT pt.partnership_id, 'partner-without-contribution', pt.team_id,
    format('Partner "%s" has no contribution committed (or every one was withdrawn).', pt.display_name)
  FROM ${table('partners')} pt
  WHERE NOT EXISTS (SELECT 1 FROM ${table('contributions')} c
    WHERE c.partnership_id = pt.partnership_id AND c.team_id = pt.team_id AND c.withdrawn_at IS NULL)
  UNION ALL
  SELECT coverage.partnership_id, 'missing-rule-of-engagement', rule,
    format('The agreement does not cover the "%s" rule of engagement.', rule)
  FROM ${table(RULES_OF_ENGAGEMENT_COVERAGE_VIEW)} coverage CROSS JOIN LATERAL unnest(coverage.missing_rules) AS rule
) gaps
JOIN ${table('partnerships')} p ON p.partnership_id = gaps.partnership_id
WHERE ${partnershipStatusSql('p')} <> 'terminated'`,
};
