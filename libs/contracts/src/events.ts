/**
 * The event catalogue: every fact the ledger records about a partnership, with the
 * schema version of its data. Events are immutable once recorded; a new shape of an
 * event gets a new schema version and an upcaster (see `upcasting.ts`), never an edit.
 *
 * Business time is the envelope's `occurredAt`; the data holds only the fact itself.
 */
import type {
  AssetKind,
  Cadence,
  ContributionKind,
  IndicatorKind,
  MetricDirection,
  RaciRole,
  SlaComparator,
  TeamId,
} from './vocabulary';

export interface Partner {
  teamId: TeamId;
  displayName: string;
}

export interface TeamResponsibilities {
  teamId: TeamId;
  duties: string[];
}

/** Rule 1 of engagement: what the partnership is for and how it is run. */
export interface PartnershipScope {
  priorities: string[];
  programFocusAreas: string[];
  evaluationProcess: string;
  reportingRequirements: string[];
  outputMeasures: string[];
  dataManagement: string;
  responsibilities: TeamResponsibilities[];
  /** The joint rhythm: planning sessions, reviews, staff meetings. */
  meetingCadence?: string;
}

export interface Evidence {
  description: string;
  uri?: string;
}

export interface UsageParameter {
  name: string;
  value: string;
}

export interface SlaThreshold {
  comparator: SlaComparator;
  value: number;
}

export interface PartnershipProposed {
  type: 'PartnershipProposed';
  data: { partnershipId: string; name: string; purpose?: string; partners: Partner[]; proposedBy: TeamId };
}
export interface ScopeDefined {
  type: 'ScopeDefined';
  data: { agreementVersion: number; scope: PartnershipScope };
}
export interface ScopeAmended {
  type: 'ScopeAmended';
  data: { agreementVersion: number; scope: PartnershipScope; reason: string };
}
export interface AgreementSigned {
  type: 'AgreementSigned';
  data: { agreementVersion: number; teamId: TeamId; signatory: string };
}
/** Every partner has signed this version: it is the agreement in force from now on. */
export interface AgreementActivated {
  type: 'AgreementActivated';
  data: { agreementVersion: number };
}
export interface ContributionCommitted {
  type: 'ContributionCommitted';
  data: {
    contributionId: string;
    teamId: TeamId;
    kind: ContributionKind;
    description: string;
    quantity?: number;
    unit?: string;
    /** Calendar date (YYYY-MM-DD, UTC) by which the contribution is due. */
    dueDate: string;
  };
}
export interface ContributionDelivered {
  type: 'ContributionDelivered';
  data: { contributionId: string; teamId: TeamId; evidence: Evidence[] };
}
export interface ContributionWithdrawn {
  type: 'ContributionWithdrawn';
  data: { contributionId: string; teamId: TeamId; reason: string };
}
export interface MetricDefined {
  type: 'MetricDefined';
  data: {
    metricId: string;
    name: string;
    definition: string;
    ownerTeamId: TeamId;
    indicator: IndicatorKind;
    unit: string;
    direction: MetricDirection;
    cadence: Cadence;
    /** The shared-vocabulary term the metric counts (e.g. `mql`), if any. */
    vocabularyTerm?: string;
  };
}
export interface MetricOwnershipTransferred {
  type: 'MetricOwnershipTransferred';
  data: { metricId: string; fromTeamId: TeamId; toTeamId: TeamId; reason: string };
}
export interface MetricTargetSet {
  type: 'MetricTargetSet';
  data: { metricId: string; period: string; target: number };
}
export interface MetricRetired {
  type: 'MetricRetired';
  data: { metricId: string; reason: string };
}
export interface ReadingRecorded {
  type: 'ReadingRecorded';
  data: {
    readingId: string;
    metricId: string;
    period: string;
    value: number;
    /** Version of the metric's vocabulary term in force when the reading was recorded. */
    vocabularyVersion?: number;
  };
}
export interface ReadingCorrected {
  type: 'ReadingCorrected';
  data: { readingId: string; metricId: string; period: string; previousValue: number; correctedValue: number; reason: string };
}
export interface DecisionRightAssigned {
  type: 'DecisionRightAssigned';
  data: { decisionArea: string; teamId: TeamId; role: RaciRole };
}
export interface DecisionRightRevoked {
  type: 'DecisionRightRevoked';
  data: { decisionArea: string; teamId: TeamId; role: RaciRole; reason: string };
}
export interface DecisionRecorded {
  type: 'DecisionRecorded';
  data: {
    decisionId: string;
    decisionArea: string;
    decidedBy: TeamId;
    /** The right under which the decision was taken, as the agreement stood then. */
    authority: RaciRole;
    title: string;
    rationale?: string;
  };
}
export interface AssetRegistered {
  type: 'AssetRegistered';
  data: {
    assetId: string;
    name: string;
    kind: AssetKind;
    ownerTeamId: TeamId;
    steward: string;
    usage: UsageParameter[];
    description?: string;
  };
}
export interface AssetUsageAmended {
  type: 'AssetUsageAmended';
  data: { assetId: string; steward: string; usage: UsageParameter[]; reason: string };
}
export interface SlaDefined {
  type: 'SlaDefined';
  data: {
    slaId: string;
    name: string;
    providerTeamId: TeamId;
    beneficiaryTeamId: TeamId;
    measure: string;
    unit: string;
    threshold: SlaThreshold;
    /** Share of observations (0..1) that must meet the threshold, e.g. 0.95. */
    complianceTarget: number;
    /** Period over which compliance is judged. */
    compliancePeriod: Cadence;
  };
}
export interface SlaObservationRecorded {
  type: 'SlaObservationRecorded';
  data: { observationId: string; slaId: string; value: number; met: boolean; subject?: string };
}
export interface VocabularyTermDefined {
  type: 'VocabularyTermDefined';
  data: { term: string; version: number; definition: string };
}
export interface VocabularyTermRevised {
  type: 'VocabularyTermRevised';
  data: { term: string; version: number; definition: string; reason: string };
}
export interface PartnershipSuspended {
  type: 'PartnershipSuspended';
  data: { reason: string };
}
export interface PartnershipResumed {
  type: 'PartnershipResumed';
  data: { reason: string };
}
export interface PartnershipTerminated {
  type: 'PartnershipTerminated';
  data: { reason: string };
}

export type PartnershipEvent =
  | PartnershipProposed
  | ScopeDefined
  | ScopeAmended
  | AgreementSigned
  | AgreementActivated
  | ContributionCommitted
  | ContributionDelivered
  | ContributionWithdrawn
  | MetricDefined
  | MetricOwnershipTransferred
  | MetricTargetSet
  | MetricRetired
  | ReadingRecorded
  | ReadingCorrected
  | DecisionRightAssigned
  | DecisionRightRevoked
  | DecisionRecorded
  | AssetRegistered
  | AssetUsageAmended
  | SlaDefined
  | SlaObservationRecorded
  | VocabularyTermDefined
  | VocabularyTermRevised
  | PartnershipSuspended
  | PartnershipResumed
  | PartnershipTerminated;

export type PartnershipEventType = PartnershipEvent['type'];

export type EventOfType<T extends PartnershipEventType> = Extract<PartnershipEvent, { type: T }>;

/** Current schema version of each event type's data. Bump it with an upcaster. */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<PartnershipEventType, number>> = {
  PartnershipProposed: 1,
  ScopeDefined: 1,
  ScopeAmended: 1,
  AgreementSigned: 1,
  AgreementActivated: 1,
  ContributionCommitted: 1,
  ContributionDelivered: 1,
  ContributionWithdrawn: 1,
  MetricDefined: 1,
  MetricOwnershipTransferred: 1,
  MetricTargetSet: 1,
  MetricRetired: 1,
  ReadingRecorded: 1,
  ReadingCorrected: 1,
  DecisionRightAssigned: 1,
  DecisionRightRevoked: 1,
  DecisionRecorded: 1,
  AssetRegistered: 1,
  AssetUsageAmended: 1,
  SlaDefined: 1,
  SlaObservationRecorded: 1,
  VocabularyTermDefined: 1,
  VocabularyTermRevised: 1,
  PartnershipSuspended: 1,
  PartnershipResumed: 1,
  PartnershipTerminated: 1,
};

export const PARTNERSHIP_EVENT_TYPES = Object.keys(EVENT_SCHEMA_VERSIONS) as PartnershipEventType[];

export function isPartnershipEventType(type: string): type is PartnershipEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);
}
