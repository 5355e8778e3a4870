/**
 * The closed vocabularies of the partnership domain: the values an event field may take.
 * Producers and consumers share them so a value means the same thing everywhere.
 */

/** A team taking part in partnerships, e.g. `marketing`, `sales`, `it`, `finance`. */
export type TeamId = string;

export const CONTRIBUTION_KINDS = ['people', 'data-access', 'budget', 'tooling', 'expertise', 'process'] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

export const INDICATOR_KINDS = ['leading', 'lagging'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export const METRIC_DIRECTIONS = ['higher-is-better', 'lower-is-better'] as const;
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];

export const CADENCES = ['daily', 'weekly', 'monthly', 'quarterly', 'yearly'] as const;
export type Cadence = (typeof CADENCES)[number];

export const RACI_ROLES = ['responsible', 'accountable', 'consulted', 'informed'] as const;
export type RaciRole = (typeof RACI_ROLES)[number];

/** Roles that carry the right to take a decision in an area. */
export const DECIDING_ROLES: readonly RaciRole[] = ['responsible', 'accountable'];

export const ASSET_KINDS = ['process', 'expertise', 'cash', 'tool', 'data'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

/** How an SLA observation is compared with the SLA's threshold. */
export const SLA_COMPARATORS = ['at-most', 'at-least'] as const;
export type SlaComparator = (typeof SLA_COMPARATORS)[number];

export const PARTNERSHIP_STATUSES = ['proposed', 'active', 'suspended', 'terminated'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

/** The five rules of engagement one partnership agreement covers. */
export const RULES_OF_ENGAGEMENT = ['scope', 'contribution', 'performance', 'decision-making', 'asset-management'] as const;
export type RuleOfEngagement = (typeof RULES_OF_ENGAGEMENT)[number];
