/**
 * The ownership projection (schema `ownership`): who owns each metric and asset, who
 * holds which decision rights, what each partner committed, which agreement is in
 * force, what each team answers for, and where the agreements have gaps.
 */
import { agreementFacts, AGREEMENT_SIGNATURES_TABLE, AGREEMENT_VERSIONS_TABLE } from '../facts/agreement.facts';
import { assetFacts, ASSETS_TABLE } from '../facts/asset.facts';
import { contributionFacts, CONTRIBUTIONS_TABLE } from '../facts/contribution.facts';
import { decisionRightFacts, DECISION_RIGHTS_TABLE, DECISION_RIGHT_CHANGES_TABLE } from '../facts/decision-right.facts';
import { metricFacts, METRICS_TABLE, METRIC_OWNERSHIP_CHANGES_TABLE, METRIC_TARGETS_TABLE } from '../facts/metric.facts';
import { partnershipFacts, PARTNERS_TABLE, PARTNERSHIPS_TABLE } from '../facts/partnership.facts';
import { defineProjection, type Projection, type ProjectionSpec } from '../projection';
import { contributionStatusView, rulesOfEngagementCoverageView } from '../views/shared.views';
import {
  agreementVersionHistoryView,
  assetRegisterView,
  decisionRightsHeldView,
  metricOwnershipHistoryView,
  metricOwnershipView,
  partnershipOverviewView,
  partnershipPartnersView,
  raciMatrixView,
} from './ownership.views';
import { agreementGapsView, teamResponsibilitiesView } from './responsibility.views';

export const OWNERSHIP_SCHEMA = 'ownership';

export const OWNERSHIP_TABLES = {
  partnerships: PARTNERSHIPS_TABLE,
  partners: PARTNERS_TABLE,
  agreementVersions: AGREEMENT_VERSIONS_TABLE,
  agreementSignatures: AGREEMENT_SIGNATURES_TABLE,
  contributions: CONTRIBUTIONS_TABLE,
  metrics: METRICS_TABLE,
  metricOwnershipChanges: METRIC_OWNERSHIP_CHANGES_TABLE,
  metricTargets: METRIC_TARGETS_TABLE,
  decisionRights: DECISION_RIGHTS_TABLE,
  decisionRightChanges: DECISION_RIGHT_CHANGES_TABLE,
  assets: ASSETS_TABLE,
} as const;

/** In dependency order: a view comes after the views it reads. */
const OWNERSHIP_VIEW_DEFINITIONS = [
  partnershipOverviewView,
  partnershipPartnersView,
  agreementVersionHistoryView,
  metricOwnershipView,
  metricOwnershipHistoryView,
  decisionRightsHeldView,
  raciMatrixView,
  assetRegisterView,
  contributionStatusView,
  rulesOfEngagementCoverageView,
  teamResponsibilitiesView,
  agreementGapsView,
];

export const OWNERSHIP_VIEWS = {
  partnershipOverview: partnershipOverviewView.name,
  partnershipPartners: partnershipPartnersView.name,
  agreementVersionHistory: agreementVersionHistoryView.name,
  metricOwnership: metricOwnershipView.name,
  metricOwnershipHistory: metricOwnershipHistoryView.name,
  decisionRightsHeld: decisionRightsHeldView.name,
  raciMatrix: raciMatrixView.name,
  assetRegister: assetRegisterView.name,
  contributionStatus: contributionStatusView.name,
  rulesOfEngagementCoverage: rulesOfEngagementCoverageView.name,
  teamResponsibilities: teamResponsibilitiesView.name,
  agreementGaps: agreementGapsView.name,
} as const;

const OWNERSHIP_SPEC: ProjectionSpec = {
  label: 'Ownership',
  facts: [partnershipFacts, agreementFacts, contributionFacts, metricFacts, decisionRightFacts, assetFacts],
  views: OWNERSHIP_VIEW_DEFINITIONS,
  migrationTimestamps: { tables: 1764028800000, views: 1764028800001 },
};

/** The ownership projection in `schema`; another schema than the live one is for rebuilds. */
export function ownershipProjection(schema: string = OWNERSHIP_SCHEMA): Projection {
  return defineProjection(OWNERSHIP_SPEC, schema);
}

export const OWNERSHIP_PROJECTION = ownershipProjection();
export const OWNERSHIP_MIGRATIONS = OWNERSHIP_PROJECTION.migrations;
export const OWNERSHIP_MIGRATIONS_TABLE = OWNERSHIP_PROJECTION.migrationsTableName;
export const projectOwnership = OWNERSHIP_PROJECTION.project;
