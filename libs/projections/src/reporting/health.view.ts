/**
 * The partnership health scorecard: four components, each from 0 to 1, combined into
 * one score. The formula is stated here, in the view's column comments and in the
 * library README, and nowhere else.
 */
import { RULES_OF_ENGAGEMENT } from '@ledger/contracts';
import { partnershipStatusSql } from '../facts/partnership.facts';
import type { ViewDefinition } from '../sql/view-definition';
import { CONTRIBUTION_STATUS_VIEW, RULES_OF_ENGAGEMENT_COVERAGE_VIEW } from '../views/shared.views';
import { METRIC_ATTAINMENT_VIEW } from './metric.views';
import { SLA_COMPLIANCE_VIEW } from './sla.views';

export const HEALTH_SCORE_FORMULA =
  'health_score = mean of the components that have data, each weighing the same (25% when all four have data): ' +
  'agreement_coverage (always has data), metric_attainment, sla_compliance, contribution_delivery. A component ' +
  'without data is left out rather than counted as 0 or 1: coverage already penalises a missing rule, and a ' +
  'component nobody can measure yet says nothing about how the partnership performs.';

export const partnershipHealthView: ViewDefinition = {
  name: 'partnership_health',
  comment: `The health scorecard of every partnership. ${HEALTH_SCORE_FORMULA}`,
  columnComments: {
    agreement_coverage: `Rules of engagement covered / ${RULES_OF_ENGAGEMENT.length}.`,
    metric_attainment:
      "Mean over active metrics of min(attainment, 1) in each metric's latest period with a reading and a target " +
      '(1 or 0 by on_track when attainment is undefined). NULL when no metric has such a period.',
    sla_compliance:
      "Mean over SLAs of min(compliance / compliance_target, 1) in each SLA's latest period with observations. " +
      'NULL without observations.',
    contribution_delivery:
      'Contributions delivered on time / contributions delivered or overdue (withdrawn and not-yet-due ones left ' +
      'out). NULL when none is delivered or overdue.',
    health_score: HEALTH_SCORE_FORMULA,
    components_with_data: 'How many of the four components the score averages (1..4).',
  },
  select: (table) => `WITH metric_component AS (
  SELECT latest.partnership_id,
    avg(CASE WHEN latest.attainment IS NULL THEN latest.on_track::int ELSE LEAST(latest.attainment, 1) END) AS score
  FROM (
    SELECT DISTINCT ON (a.partnership_id, a.metric_id) a.partnership_id, a.attainment, a.on_track
    FROM ${table(METRIC_ATTAINMENT_VIEW)} a
    JOIN ${table('metrics')} m ON m.partnership_id = a.partnership_id AND m.metric_id = a.metric_id
    WHERE a.target IS NOT NULL AND m.retired_at IS NULL
    ORDER BY a.partnership_id, a.metric_id, a.period_start DESC
  ) latest
  GROUP BY latest.partnership_id
), sla_component AS (
  SELECT latest.partnership_id,
    avg(CASE WHEN latest.compliance_target = 0 THEN 1 ELSE LEAST(latest.compliance / latest.compliance_target, 1) END)
      AS score
  FROM (
    SELECT DISTINCT ON (c.partnership_id, c.sla_id) c.partnership_id, c.compliance, c.compliance_target
    FROM ${table(SLA_COMPLIANCE_VIEW)} c
    ORDER BY c.partnership_id, c.sla_id, c.period_start DESC
  ) latest
  GROUP BY latest.partnership_id
), contribution_component AS (
  SELECT c.partnership_id,
    (count(*) FILTER (WHERE c.delivered_on_time))::numeric
      / NULLIF(count(*) FILTER (WHERE c.status IN ('delivered', 'overdue')), 0) AS score
  FROM ${table(CONTRIBUTION_STATUS_VIEW)} c
  GROUP BY c.partnership_id
), components AS (
  SELECT p.partnership_id, p.name, ${partnershipStatusSql('p')} AS status,
    coverage.rules_covered::numeric / ${RULES_OF_ENGAGEMENT.length} AS agreement_coverage,
    metric_component.score AS metric_attainment,
    sla_component.score AS sla_compliance,
    contribution_component.score AS contribution_delivery
  FROM ${table('partnerships')} p
  JOIN ${table(RULES_OF_ENGAGEMENT_COVERAGE_VIEW)} coverage ON coverage.partnership_id = p.partnership_id
  LEFT JOIN metric_component ON metric_component.partnership_id = p.partnership_id
  LEFT JOIN sla_component ON sla_component.partnership_id = p.partnership_id
  LEFT JOIN contribution_component ON contribution_component.partnership_id = p.partnership_id
)
SELECT components.*,
  (agreement_coverage + COALESCE(metric_attainment, 0) + COALESCE(sla_compliance, 0) + COALESCE(contribution_delivery, 0))
    / (1 + (metric_attainment IS NOT NULL)::int + (sla_compliance IS NOT NULL)::int
      + (contribution_delivery IS NOT NULL)::int) AS health_score,
  1 + (metric_attainment IS NOT NULL)::int + (sla_compliance IS NOT NULL)::int
    + (contribution_delivery IS NOT NULL)::int AS components_with_data
FROM components`,
};
