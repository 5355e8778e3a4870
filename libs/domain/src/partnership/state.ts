/**
 * What a partnership's history adds up to: exactly what the decider needs to judge the
 * next command, and nothing it does not. Plain, JSON-serialisable data (records keyed by
 * id, no classes or Maps) so the state can be cached, snapshotted and returned as is.
 */
import type {
  Cadence,
  MetricDirection,
  Partner,
  PartnershipScope,
  PartnershipStatus,
  RaciRole,
  SlaThreshold,
  TeamId,
  UsageParameter,
} from '@ledger/contracts';

export interface AgreementState {
  /** Latest agreement version (1 once the scope is defined, +1 per amendment; 0 before). */
  currentVersion: number;
  /** The scope of the current version; null until it is defined. */
  scope: PartnershipScope | null;
  /** Who signed which version: agreement version -> team -> signatory. */
  signatures: Record<number, Record<TeamId, string>>;
  /** The last version every partner signed; null until the first activation. */
  versionInForce: number | null;
}

export type ContributionStatus = 'committed' | 'delivered' | 'withdrawn';

export interface ContributionState {
  teamId: TeamId;
  status: ContributionStatus;
  /** Calendar date, YYYY-MM-DD. */
  dueDate: string;
}

export interface MetricState {
  ownerTeamId: TeamId;
  cadence: Cadence;
  direction: MetricDirection;
  vocabularyTerm?: string;
  /** Null while the metric is in use. */
  retirement: { reason: string } | null;
  /** The target in force per period (a later target for a period replaces the earlier). */
  targets: Record<string, number>;
}

export interface ReadingState {
  metricId: string;
  period: string;
  /** The value after every correction so far. */
  value: number;
}

export interface AssetState {
  ownerTeamId: TeamId;
  steward: string;
  usage: UsageParameter[];
}

export interface SlaState {
  providerTeamId: TeamId;
  beneficiaryTeamId: TeamId;
  threshold: SlaThreshold;
  complianceTarget: number;
  compliancePeriod: Cadence;
}

export interface VocabularyTermState {
  latestVersion: number;
  /** Definition per version: version -> definition. */
  definitions: Record<number, string>;
}

/** Ids only: the decider needs to know they are taken, nothing more. */
export type IdSet = Record<string, true>;

export interface PartnershipState {
  /** Null until the partnership is proposed: an empty stream. */
  status: PartnershipStatus | null;
  partnershipId: string | null;
  name: string | null;
  partners: Partner[];
  agreement: AgreementState;
  contributions: Record<string, ContributionState>;
  metrics: Record<string, MetricState>;
  readings: Record<string, ReadingState>;
  /** Decision area -> team -> roles it holds there. */
  decisionRights: Record<string, Record<TeamId, RaciRole[]>>;
  decisionIds: IdSet;
  assets: Record<string, AssetState>;
  slas: Record<string, SlaState>;
  observationIds: IdSet;
  vocabulary: Record<string, VocabularyTermState>;
  /** Number of events applied: the stream version this state reflects. */
  version: number;
}

export function initialPartnershipState(): PartnershipState {
  return {
    status: null,
    partnershipId: null,
    name: null,
    partners: [],
    agreement: { currentVersion: 0, scope: null, signatures: {}, versionInForce: null },
    contributions: {},
    metrics: {},
    readings: {},
    decisionRights: {},
    decisionIds: {},
    assets: {},
    slas: {},
    observationIds: {},
    vocabulary: {},
    version: 0,
  };
}
