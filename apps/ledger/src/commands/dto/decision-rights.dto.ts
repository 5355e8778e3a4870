/**
 * Rule 4 of engagement: who holds which RACI role in each decision area, and the
 * decisions taken under those rights.
 */
import type { CommandData } from '@ledger/domain';
import { RACI_ROLES, type RaciRole } from '@ledger/contracts';
import { LIMITS } from './patterns';
import { IdProperty, NameProperty, NestedListProperty, OneOfProperty, TeamIdProperty, TextProperty } from './properties';

const DECISION_AREA = { description: 'The decision area.', example: 'marketing-technology-investments' };

export class DecisionRightAssignmentDto {
  @TeamIdProperty({ description: 'The team given the role.', example: 'marketing' })
  teamId!: string;

  @OneOfProperty({ description: 'The RACI role.', example: 'accountable' }, RACI_ROLES)
  role!: RaciRole;
}

export class AssignDecisionRightsDto implements CommandData<'AssignDecisionRights'> {
  @IdProperty(DECISION_AREA)
  decisionArea!: string;

  @NestedListProperty(
    { description: 'The roles given (exactly one Accountable per area).' },
    () => DecisionRightAssignmentDto,
    LIMITS.assignments,
  )
  assignments!: DecisionRightAssignmentDto[];
}

export class RevokeDecisionRightDto implements CommandData<'RevokeDecisionRight'> {
  @IdProperty(DECISION_AREA)
  decisionArea!: string;

  @TeamIdProperty({ description: 'The team losing the role.', example: 'it' })
  teamId!: string;

  @OneOfProperty({ description: 'The role revoked.', example: 'consulted' }, RACI_ROLES)
  role!: RaciRole;

  @TextProperty({ description: 'Why the right is revoked.', example: 'IT no longer runs the martech stack.' })
  reason!: string;
}

export class RecordDecisionDto implements CommandData<'RecordDecision'> {
  @IdProperty({ description: 'Id of the decision.', example: 'choose-cdp-vendor' })
  decisionId!: string;

  @IdProperty(DECISION_AREA)
  decisionArea!: string;

  @TeamIdProperty({ description: 'The team that took the decision.', example: 'marketing' })
  decidedBy!: string;

  @NameProperty({ description: 'What was decided.', example: 'Choose Acme CDP as customer data platform' })
  title!: string;

  @TextProperty({ description: 'Why.', example: 'Best fit with the CRM; within budget.', optional: true })
  rationale?: string;
}
