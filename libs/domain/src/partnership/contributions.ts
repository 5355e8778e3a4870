/**
 * Rule of engagement 2, contribution: what each partner commits to bring, and how each
 * commitment ends - delivered with evidence, or withdrawn with a reason. Events carry
 * the contributing team so views can account per partner without a lookup.
 */
import type { PartnershipEvent } from '@ledger/contracts';
import type { CommitContribution, DeliverContribution, WithdrawContribution } from '../commands';
import { isValidPeriod } from '../period';
import { requirePartner, withoutUndefined } from './checks';
import { DomainError } from './errors';
import type { ContributionState, PartnershipState } from './state';

export function commitContribution(command: CommitContribution, state: PartnershipState): PartnershipEvent[] {
  const { contributionId, teamId, kind, description, quantity, unit, dueDate } = command.data;
  if (state.contributions.has(contributionId)) {
    throw DomainError.conflict(
      'contribution.already-exists',
      `Contribution "${contributionId}" already exists in partnership "${state.partnershipId}".`,
      'contributionId',
    );
  }
  requirePartner(state, teamId, { code: 'contribution.team-not-partner', field: 'teamId', action: 'commit a contribution' });
  // A due date is a calendar day: the daily period form, checked the same way.
  if (!isValidPeriod(dueDate, 'daily')) {
    throw DomainError.rule(
      'contribution.due-date-invalid',
      `Due date "${dueDate}" of contribution "${contributionId}" is not a calendar date in the form YYYY-MM-DD.`,
      'dueDate',
    );
  }
  return [
    {
      type: 'ContributionCommitted',
      data: withoutUndefined({ contributionId, teamId, kind, description, quantity, unit, dueDate }),
    },
  ];
}

export function deliverContribution(command: DeliverContribution, state: PartnershipState): PartnershipEvent[] {
  const { contributionId, evidence } = command.data;
  const contribution = requireCommitted(state, contributionId, 'delivered');
  if (evidence.length === 0) {
    throw DomainError.rule(
      'contribution.evidence-missing',
      `Contribution "${contributionId}" cannot be delivered without evidence; attach at least one piece.`,
      'evidence',
    );
  }
  return [{ type: 'ContributionDelivered', data: { contributionId, teamId: contribution.teamId, evidence } }];
}

export function withdrawContribution(command: WithdrawContribution, state: PartnershipState): PartnershipEvent[] {
  const { contributionId, reason } = command.data;
  const contribution = requireCommitted(state, contributionId, 'withdrawn');
  return [{ type: 'ContributionWithdrawn', data: { contributionId, teamId: contribution.teamId, reason } }];
}

/** Only an open commitment can end: once delivered or withdrawn, its outcome is history. */
function requireCommitted(state: PartnershipState, contributionId: string, outcome: 'delivered' | 'withdrawn'): ContributionState {
  const contribution = state.contributions.get(contributionId);
  if (contribution === undefined) {
    throw DomainError.rule(
      'contribution.unknown',
      `Contribution "${contributionId}" does not exist in partnership "${state.partnershipId}", so it cannot be ${outcome}.`,
      'contributionId',
    );
  }
  if (contribution.status !== 'committed') {
    throw DomainError.conflict(
      `contribution.already-${contribution.status}`,
      `Contribution "${contributionId}" was already ${contribution.status}, so it cannot be ${outcome}.`,
      'contributionId',
    );
  }
  return contribution;
}
