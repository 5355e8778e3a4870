/**
 * Rule 1 of engagement, the agreement itself: who the partners are, what the
 * partnership is for and how it is run (scope), and each partner's signature.
 */
import type { CommandData } from '@ledger/domain';
import type { Partner, PartnershipScope, TeamResponsibilities } from '@ledger/contracts';
import { LIMITS } from './patterns';
import {
  IdProperty,
  IntegerProperty,
  NameProperty,
  NestedListProperty,
  NestedProperty,
  TeamIdProperty,
  TextListProperty,
  TextProperty,
} from './properties';

export class PartnerDto implements Partner {
  @TeamIdProperty({ description: 'The partner team.', example: 'marketing' })
  teamId!: string;

  @NameProperty({ description: 'The team as people call it.', example: 'Marketing' })
  displayName!: string;
}

export class ProposePartnershipDto implements CommandData<'ProposePartnership'> {
  @IdProperty({ description: 'Id of the new partnership; the same as the submission\'s partnershipId.', example: 'mkt-sales-2026' })
  partnershipId!: string;

  @NameProperty({ description: 'Name of the partnership.', example: 'Marketing and Sales revenue partnership 2026' })
  name!: string;

  @TextProperty({ description: 'What the teams want to achieve together.', example: 'Grow pipeline from inbound leads.', optional: true })
  purpose?: string;

  @NestedListProperty({ description: 'The partner teams (2 to 20, distinct).' }, () => PartnerDto, LIMITS.partners)
  partners!: PartnerDto[];

  @TeamIdProperty({ description: 'The partner team that proposes the partnership.', example: 'marketing' })
  proposedBy!: string;
}

export class TeamResponsibilitiesDto implements TeamResponsibilities {
  @TeamIdProperty({ description: 'The partner team these duties belong to.', example: 'sales' })
  teamId!: string;

  @TextListProperty({ description: 'What the team is responsible for.', example: ['Contact every MQL within one hour'] })
  duties!: string[];
}

export class PartnershipScopeDto implements PartnershipScope {
  @TextListProperty({ description: 'Priorities and strategies.', example: ['Grow qualified pipeline'] })
  priorities!: string[];

  @TextListProperty({ description: 'Program focus areas.', example: ['Inbound demand generation'] })
  programFocusAreas!: string[];

  @TextProperty({ description: 'The joint evaluation process.', example: 'Monthly joint pipeline review.' })
  evaluationProcess!: string;

  @TextListProperty({ description: 'Reporting requirements.', example: ['Weekly funnel dashboard'] })
  reportingRequirements!: string[];

  @TextListProperty({ description: 'Output measures.', example: ['MQL to SQL conversion rate'] })
  outputMeasures!: string[];

  @TextProperty({ description: 'How the partners manage shared data.', example: 'The CRM is the system of record for leads.' })
  dataManagement!: string;

  @NestedListProperty({ description: 'Roles and responsibilities of each partner.' }, () => TeamResponsibilitiesDto, {
    min: 0,
    max: LIMITS.partners.max,
  })
  responsibilities!: TeamResponsibilitiesDto[];

  @TextProperty({
    description: 'The joint rhythm: planning sessions, reviews, staff meetings.',
    example: 'Weekly stand-up, quarterly planning.',
    optional: true,
  })
  meetingCadence?: string;
}

export class DefineScopeDto implements CommandData<'DefineScope'> {
  @NestedProperty({ description: 'The scope of the agreement (agreement version 1).' }, () => PartnershipScopeDto)
  scope!: PartnershipScopeDto;
}

export class AmendScopeDto implements CommandData<'AmendScope'> {
  @NestedProperty({ description: 'The new scope; it becomes the next agreement version.' }, () => PartnershipScopeDto)
  scope!: PartnershipScopeDto;

  @TextProperty({ description: 'Why the scope changes.', example: 'Add the partner portal program.' })
  reason!: string;
}

export class SignAgreementDto implements CommandData<'SignAgreement'> {
  @IntegerProperty({ description: 'The agreement version signed (the current one).', example: 1 }, 1)
  agreementVersion!: number;

  @TeamIdProperty({ description: 'The partner team that signs.', example: 'sales' })
  teamId!: string;

  @NameProperty({ description: 'Who signs for the team.', example: 'Dana Whitfield, VP Sales' })
  signatory!: string;
}
