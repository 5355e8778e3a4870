/**
 * The commands a partnership accepts: what a team or system asks the ledger to record.
 * Each is addressed to one partnership; the edge (HTTP or Kafka) has already checked
 * their shape, so the domain only enforces business rules.
 */
import type {
  AssetKind,
  Cadence,
  ContributionKind,
  Evidence,
  IndicatorKind,
  MetricDirection,
  Partner,
  PartnershipScope,
  RaciRole,
  SlaThreshold,
  TeamId,
  UsageParameter,
} from '@ledger/contracts';

type Command<T extends string, D> = { type: T; data: D };

export type ProposePartnership = Command<
  'ProposePartnership',
  { partnershipId: string; name: string; purpose?: string; partners: Partner[]; proposedBy: TeamId }
>;
export type DefineScope = Command<'DefineScope', { scope: PartnershipScope }>;
export type AmendScope = Command<'AmendScope', { scope: PartnershipScope; reason: string }>;
export type SignAgreement = Command<'SignAgreement', { agreementVersion: number; teamId: TeamId; signatory: string }>;
export type CommitContribution = Command<
  'CommitContribution',
  {
    contributionId: string;
    teamId: TeamId;
    kind: ContributionKind;
    description: string;
    quantity?: number;
    unit?: string;
    dueDate: string;
  }
>;
export type DeliverContribution = Command<'DeliverContribution', { contributionId: string; evidence: Evidence[] }>;
export type WithdrawContribution = Command<'WithdrawContribution', { contributionId: string; reason: string }>;
export type DefineMetric = Command<
  'DefineMetric',
  {
    metricId: string;
    name: string;
    definition: string;
    ownerTeamId: TeamId;
    indicator: IndicatorKind;
    unit: string;
    direction: MetricDirection;
    cadence: Cadence;
    vocabularyTerm?: string;
  }
>;
export type TransferMetricOwnership = Command<'TransferMetricOwnership', { metricId: string; toTeamId: TeamId; reason: string }>;
export type SetMetricTarget = Command<'SetMetricTarget', { metricId: string; period: string; target: number }>;
export type RetireMetric = Command<'RetireMetric', { metricId: string; reason: string }>;
export type RecordReading = Command<'RecordReading', { readingId: string; metricId: string; period: string; value: number }>;
export type CorrectReading = Command<'CorrectReading', { readingId: string; correctedValue: number; reason: string }>;
export type AssignDecisionRights = Command<
  'AssignDecisionRights',
  { decisionArea: string; assignments: { teamId: TeamId; role: RaciRole }[] }
>;
export type RevokeDecisionRight = Command<
  'RevokeDecisionRight',
  { decisionArea: string; teamId: TeamId; role: RaciRole; reason: string }
>;
export type RecordDecision = Command<
  'RecordDecision',
  { decisionId: string; decisionArea: string; decidedBy: TeamId; title: string; rationale?: string }
>;
export type RegisterAsset = Command<
  'RegisterAsset',
  {
    assetId: string;
    name: string;
    kind: AssetKind;
    ownerTeamId: TeamId;
    steward: string;
    usage: UsageParameter[];
    description?: string;
  }
>;
export type AmendAssetUsage = Command<
  'AmendAssetUsage',
  { assetId: string; steward?: string; usage: UsageParameter[]; reason: string }
>;
export type DefineSla = Command<
  'DefineSla',
  {
    slaId: string;
    name: string;
    providerTeamId: TeamId;
    beneficiaryTeamId: TeamId;
    measure: string;
    unit: string;
    threshold: SlaThreshold;
    complianceTarget: number;
    compliancePeriod: Cadence;
  }
>;
export type RecordSlaObservation = Command<
  'RecordSlaObservation',
  { observationId: string; slaId: string; value: number; subject?: string }
>;
export type DefineVocabularyTerm = Command<'DefineVocabularyTerm', { term: string; definition: string }>;
export type ReviseVocabularyTerm = Command<'ReviseVocabularyTerm', { term: string; definition: string; reason: string }>;
export type SuspendPartnership = Command<'SuspendPartnership', { reason: string }>;
export type ResumePartnership = Command<'ResumePartnership', { reason: string }>;
export type TerminatePartnership = Command<'TerminatePartnership', { reason: string }>;

export type PartnershipCommand =
  | ProposePartnership
  | DefineScope
  | AmendScope
  | SignAgreement
  | CommitContribution
  | DeliverContribution
  | WithdrawContribution
  | DefineMetric
  | TransferMetricOwnership
  | SetMetricTarget
  | RetireMetric
  | RecordReading
  | CorrectReading
  | AssignDecisionRights
  | RevokeDecisionRight
  | RecordDecision
  | RegisterAsset
  | AmendAssetUsage
  | DefineSla
  | RecordSlaObservation
  | DefineVocabularyTerm
  | ReviseVocabularyTerm
  | SuspendPartnership
  | ResumePartnership
  | TerminatePartnership;

export type PartnershipCommandType = PartnershipCommand['type'];

/** The data of one command type, e.g. `CommandData<'RecordReading'>`. */
export type CommandData<T extends PartnershipCommandType> = Extract<PartnershipCommand, { type: T }>['data'];
