/**
 * Rule of engagement 4, decision rights, as a RACI matrix per decision area: exactly
 * one Accountable, Responsible and Accountable only among partners (they decide),
 * Consulted and Informed may be any team (Finance informed on a Marketing-Sales area).
 * A team holds one role per area; changing it means revoking first, so the history
 * shows the change explicitly.
 */
import { DECIDING_ROLES, type PartnershipEvent, type RaciRole, type TeamId } from '@ledger/contracts';
import type { AssignDecisionRights, RevokeDecisionRight } from '../commands';
import { requirePartner } from './checks';
import { DomainError } from './errors';
import { ownEntry } from './records';
import type { PartnershipState, RolesByTeam } from './state';

/** Emits one event per assignment not already held; refuses the whole command if any is not allowed. */
export function assignDecisionRights(command: AssignDecisionRights, state: PartnershipState): PartnershipEvent[] {
  const { decisionArea, assignments } = command.data;
  let held: RolesByTeam = state.decisionRights.get(decisionArea) ?? {};
  const events: PartnershipEvent[] = [];
  assignments.forEach(({ teamId, role }, index) => {
    const roles = ownEntry(held, teamId) ?? [];
    if (roles.includes(role)) return;
    requireAssignable(state, decisionArea, held, { teamId, role, index });
    held = { ...held, [teamId]: [role] };
    events.push({ type: 'DecisionRightAssigned', data: { decisionArea, teamId, role } });
  });
  if (events.length === 0) {
    throw DomainError.conflict(
      'raci.nothing-to-assign',
      `Every right given for decision area "${decisionArea}" is already held; nothing to assign.`,
      'assignments',
    );
  }
  return events;
}

export function revokeDecisionRight(command: RevokeDecisionRight, state: PartnershipState): PartnershipEvent[] {
  const { decisionArea, teamId, role, reason } = command.data;
  const roles = ownEntry(state.decisionRights.get(decisionArea) ?? {}, teamId) ?? [];
  if (!roles.includes(role)) {
    throw DomainError.rule(
      'raci.right-not-held',
      `Team "${teamId}" is not ${role} for decision area "${decisionArea}", so that right cannot be revoked.`,
      'role',
    );
  }
  return [{ type: 'DecisionRightRevoked', data: { decisionArea, teamId, role, reason } }];
}

/** The teams holding a role in an area, for sentences and checks. */
export function teamsHolding(held: RolesByTeam, role: RaciRole): TeamId[] {
  return Object.keys(held).filter((teamId) => held[teamId].includes(role));
}

interface Assignment {
  teamId: TeamId;
  role: RaciRole;
  /** Position in the command's `assignments`, to name the field at fault. */
  index: number;
}

function requireAssignable(state: PartnershipState, decisionArea: string, held: RolesByTeam, assignment: Assignment): void {
  const { teamId, role, index } = assignment;
  if (DECIDING_ROLES.includes(role)) {
    requirePartner(state, teamId, {
      code: 'raci.not-partner',
      field: `assignments[${index}].teamId`,
      action: `be ${role} for a decision area`,
    });
  }
  const roles = ownEntry(held, teamId) ?? [];
  if (roles.length > 0) {
    throw DomainError.rule(
      'raci.role-conflict',
      `Team "${teamId}" is already ${roles.join(' and ')} for decision area "${decisionArea}"; ` +
        `a team holds one role per area, so revoke it before making the team ${role}.`,
      `assignments[${index}].role`,
    );
  }
  const [accountable] = teamsHolding(held, 'accountable');
  if (role === 'accountable' && accountable !== undefined) {
    throw DomainError.rule(
      'raci.second-accountable',
      `Team "${accountable}" is already accountable for decision area "${decisionArea}"; ` +
        `an area has exactly one accountable team, so "${teamId}" cannot be one too.`,
      'assignments',
    );
  }
}
