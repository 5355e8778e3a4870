/**
 * Recorded decisions. A decision is only accepted from a team that holds a deciding
 * right (Responsible or Accountable) in its area at that moment, and the event keeps
 * the right it was taken under, so an audit can judge it against the agreement as it
 * stood then rather than as it stands now.
 */
import { DECIDING_ROLES, type PartnershipEvent } from '@ledger/contracts';
import type { RecordDecision } from '../commands';
import { quoteAll, withoutUndefined } from './checks';
import { teamsHolding } from './decision-rights';
import { DomainError } from './errors';
import { ownEntry } from './records';
import type { PartnershipState } from './state';

export function recordDecision(command: RecordDecision, state: PartnershipState): PartnershipEvent[] {
  const { decisionId, decisionArea, decidedBy, title, rationale } = command.data;
  if (state.decisionIds.has(decisionId)) {
    throw DomainError.conflict(
      'decision.already-exists',
      `Decision "${decisionId}" is already recorded in partnership "${state.partnershipId}".`,
      'decisionId',
    );
  }
  const held = state.decisionRights.get(decisionArea);
  if (held === undefined) {
    throw DomainError.rule(
      'decision.unknown-area',
      `No decision rights are assigned for area "${decisionArea}" in partnership "${state.partnershipId}"; ` +
        'assign them before recording decisions there.',
      'decisionArea',
    );
  }
  const rolesOfDecider = ownEntry(held, decidedBy) ?? [];
  const authority = DECIDING_ROLES.find((role) => rolesOfDecider.includes(role));
  if (authority === undefined) {
    const mayDecide = DECIDING_ROLES.map((role) => `${role}: ${quoteAll(teamsHolding(held, role)) || 'nobody'}`).join('; ');
    throw DomainError.rule(
      'decision.no-right',
      `Team "${decidedBy}" has no right to decide in area "${decisionArea}"; ` +
        `only its responsible or accountable teams may (${mayDecide}).`,
      'decidedBy',
    );
  }
  return [
    { type: 'DecisionRecorded', data: withoutUndefined({ decisionId, decisionArea, decidedBy, authority, title, rationale }) },
  ];
}
