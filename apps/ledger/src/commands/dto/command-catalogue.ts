/**
 * Which DTO validates the `data` of each command. The map is checked at compile time
 * both ways: a command without a DTO does not compile, and neither does a DTO whose
 * fields do not fit its command's data.
 */
import type { CommandData, PartnershipCommand, PartnershipCommandType } from '@ledger/domain';
import { AmendScopeDto, DefineScopeDto, ProposePartnershipDto, SignAgreementDto } from './agreement.dto';
import { AmendAssetUsageDto, RegisterAssetDto } from './assets.dto';
import { CommitContributionDto, DeliverContributionDto, WithdrawContributionDto } from './contributions.dto';
import { AssignDecisionRightsDto, RecordDecisionDto, RevokeDecisionRightDto } from './decision-rights.dto';
import { ResumePartnershipDto, SuspendPartnershipDto, TerminatePartnershipDto } from './lifecycle.dto';
import { DefineMetricDto, RetireMetricDto, SetMetricTargetDto, TransferMetricOwnershipDto } from './metrics.dto';
import { CorrectReadingDto, RecordReadingDto } from './readings.dto';
import { DefineSlaDto, RecordSlaObservationDto } from './slas.dto';
import { DefineVocabularyTermDto, ReviseVocabularyTermDto } from './vocabulary.dto';


type DataDtoCatalogue = { [T in PartnershipCommandType]: new () => CommandData<T> };

export const COMMAND_DATA_DTOS: Readonly<Record<PartnershipCommandType, new () => object>> = {
  ProposePartnership: ProposePartnershipDto,
  DefineScope: DefineScopeDto,
  AmendScope: AmendScopeDto,
  SignAgreement: SignAgreementDto,
  CommitContribution: CommitContributionDto,
  DeliverContribution: DeliverContributionDto,
  WithdrawContribution: WithdrawContributionDto,
  DefineMetric: DefineMetricDto,
  TransferMetricOwnership: TransferMetricOwnershipDto,
  SetMetricTarget: SetMetricTargetDto,
  RetireMetric: RetireMetricDto,
  RecordReading: RecordReadingDto,
  CorrectReading: CorrectReadingDto,
  AssignDecisionRights: AssignDecisionRightsDto,
  RevokeDecisionRight: RevokeDecisionRightDto,
  RecordDecision: RecordDecisionDto,
  RegisterAsset: RegisterAssetDto,
  AmendAssetUsage: AmendAssetUsageDto,
  DefineSla: DefineSlaDto,
  RecordSlaObservation: RecordSlaObservationDto,
  DefineVocabularyTerm: DefineVocabularyTermDto,
  ReviseVocabularyTerm: ReviseVocabularyTermDto,
  SuspendPartnership: SuspendPartnershipDto,
  ResumePartnership: ResumePartnershipDto,
  TerminatePartnership: TerminatePartnershipDto,
} satisfies DataDtoCatalogue;

export const COMMAND_TYPES = Object.keys(COMMAND_DATA_DTOS) as PartnershipCommandType[];

export function isCommandType(type: unknown): type is PartnershipCommandType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(COMMAND_DATA_DTOS, type);
}
