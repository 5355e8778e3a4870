/**
 * The reporting projection (schema `reporting`): how partnerships perform. Metric
 * attainment and trends, SLA compliance, contribution fulfilment, decisions against
 * decision rights, vocabulary versions, and the partnership health scorecard. It keeps
 * its own copy of the facts it needs, so it can be rebuilt on its own.
 */
import { assetFacts, ASSETS_TABLE } from '../facts/asset.facts';
import { contributionFacts, CONTRIBUTIONS_TABLE } from '../facts/contribution.facts';
import { decisionFacts, DECISIONS_TABLE } from '../facts/decision.facts';
import { decisionRightFacts, DECISION_RIGHTS_TABLE, DECISION_RIGHT_CHANGES_TABLE } from '../facts/decision-right.facts';
import { metricFacts, METRICS_TABLE, METRIC_OWNERSHIP_CHANGES_TABLE, METRIC_TARGETS_TABLE } from '../facts/metric.facts';
import { partnershipFacts, PARTNERS_TABLE, PARTNERSHIPS_TABLE } from '../facts/partnership.facts';
import { readingFacts, READINGS_TABLE, READING_HISTORY_TABLE } from '../facts/reading.facts';
import { slaFacts, SLAS_TABLE, SLA_OBSERVATIONS_TABLE } from '../facts/sla.facts';
import { vocabularyFacts, VOCABULARY_VERSIONS_TABLE } from '../facts/vocabulary.facts';
import { defineProjection, type Projection, type ProjectionSpec } from '../projection';
import { contributionStatusView, rulesOfEngagementCoverageView } from '../views/shared.views';
import { contributionFulfilmentView, decisionAuditView, decisionsOutsideRightsView } from './accountability.views';
import { partnershipHealthView } from './health.view';
import {
  leadingLaggingIndicatorsView,
  metricAttainmentView,
  metricReadingHistoryView,
  vocabularyTermVersionsView,
} from './metric.views';
import { slaComplianceView, slaObservationFactsView } from './sla.views';

export const REPORTING_SCHEMA = 'reporting';

export const REPORTING_TABLES = {
  partnerships: PARTNERSHIPS_TABLE,
  partners: PARTNERS_TABLE,
  contributions: CONTRIBUTIONS_TABLE,
  metrics: METRICS_TABLE,
  metricOwnershipChanges: METRIC_OWNERSHIP_CHANGES_TABLE,
  metricTargets: METRIC_TARGETS_TABLE,
  readings: READINGS_TABLE,
  readingHistory: READING_HISTORY_TABLE,
  decisionRights: DECISION_RIGHTS_TABLE,
  decisionRightChanges: DECISION_RIGHT_CHANGES_TABLE,
  decisions: DECISIONS_TABLE,
  assets: ASSETS_TABLE,
  slas: SLAS_TABLE,
  slaObservations: SLA_OBSERVATIONS_TABLE,
  vocabularyVersions: VOCABULARY_VERSIONS_TABLE,
} as const;

/** In dependency order: a view comes after the views it reads. */
const REPORTING_VIEW_DEFINITIONS = [
  contributionStatusView,
  rulesOfEngagementCoverageView,
  vocabularyTermVersionsView,
  metricAttainmentView,
  metricReadingHistoryView,
  leadingLaggingIndicatorsView,
  slaObservationFactsView,
  slaComplianceView,
  contributionFulfilmentView,
  decisionAuditView,
  decisionsOutsideRightsView,
  partnershipHealthView,
];

export const REPORTING_VIEWS = {
  contributionStatus: contributionStatusView.name,
  rulesOfEngagementCoverage: rulesOfEngagementCoverageView.name,
  vocabularyTermVersions: vocabularyTermVersionsView.name,
  metricAttainment: metricAttainmentView.name,
  metricReadingHistory: metricReadingHistoryView.name,
  leadingLaggingIndicators: leadingLaggingIndicatorsView.name,
  slaObservationFacts: slaObservationFactsView.name,
  slaCompliance: slaComplianceView.name,
  contributionFulfilment: contributionFulfilmentView.name,
  decisionAudit: decisionAuditView.name,
  decisionsOutsideRights: decisionsOutsideRightsView.name,
  partnershipHealth: partnershipHealthView.name,
} as const;

const REPORTING_SPEC: ProjectionSpec = {
  label: 'Reporting',
  facts: [
    partnershipFacts,
    contributionFacts,
    metricFacts,
    readingFacts,
    decisionRightFacts,
    decisionFacts,
    assetFacts,
    slaFacts,
    vocabularyFacts,
  ],
  views: REPORTING_VIEW_DEFINITIONS,
  migrationTimestamps: { tables: 1764028800100, views: 1764028800101 },
};

/** The reporting projection in `schema`; another schema than the live one is for rebuilds. */
export function reportingProjection(schema: string = REPORTING_SCHEMA): Projection {
  return defineProjection(REPORTING_SPEC, schema);
}

export const REPORTING_PROJECTION = reportingProjection();
export const REPORTING_MIGRATIONS = REPORTING_PROJECTION.migrations;
export const REPORTING_MIGRATIONS_TABLE = REPORTING_PROJECTION.migrationsTableName;
export const projectReporting = REPORTING_PROJECTION.project;
