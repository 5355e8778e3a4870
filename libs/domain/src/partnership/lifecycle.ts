/**
 * The partnership's life: proposed -> active (once every partner signed, see
 * `agreement.ts`) -> suspended <-> active -> terminated. Also the gate every command
 * passes first: which commands the partnership accepts in its current status.
 */
import type { PartnershipEvent } from '@ledger/contracts';
import type {
  PartnershipCommandType,
  ProposePartnership,
  ResumePartnership,
  SuspendPartnership,
  TerminatePartnership,
} from '../commands';
import { quoteAll, withoutUndefined } from './checks';
import { DomainError } from './errors';
import type { PartnershipState } from './state';

/**
 * A suspended partnership still takes facts from systems (they happened anyway) and
 * the way out; anything that would change the agreement waits for resumption.
 */
const ACCEPTED_WHILE_SUSPENDED: ReadonlySet<PartnershipCommandType> = new Set<PartnershipCommandType>([
  'RecordReading',
  'CorrectReading',
  'RecordSlaObservation',
  'DeliverContribution',
  'WithdrawContribution',
  'ResumePartnership',
  'TerminatePartnership',
]);

/** Throws unless a partnership in this state may consider this kind of command at all. */
export function requireCommandAccepted(state: PartnershipState, commandType: PartnershipCommandType): void {
  if (commandType === 'ProposePartnership') {
    if (state.status === null) return;
    throw DomainError.conflict(
      'partnership.already-exists',
      `Partnership "${state.partnershipId}" already exists; a new partnership needs a new id.`,
      'partnershipId',
    );
  }
  if (state.status === null) {
    throw DomainError.notFound('partnership.not-found', `The partnership does not exist; propose it before sending ${commandType}.`);
  }
  if (state.status === 'terminated') {
    throw DomainError.rule(
      'partnership.terminated',
      `Partnership "${state.partnershipId}" is terminated and accepts nothing more, so ${commandType} is refused.`,
    );
  }
  if (state.status === 'suspended' && !ACCEPTED_WHILE_SUSPENDED.has(commandType)) {
    throw DomainError.rule(
      'partnership.suspended',
      `Partnership "${state.partnershipId}" is suspended, so ${commandType} is refused; ` +
        'until it resumes it accepts only readings, reading corrections, SLA observations, ' +
        'contribution deliveries and withdrawals, resumption and termination.',
    );
  }
}

export function proposePartnership(command: ProposePartnership): PartnershipEvent[] {
  const { partnershipId, name, purpose, partners, proposedBy } = command.data;
  const teamIds = partners.map((partner) => partner.teamId);
  const repeatedIndex = teamIds.findIndex((teamId, index) => teamIds.indexOf(teamId) !== index);
  if (repeatedIndex >= 0) {
    throw DomainError.rule(
      'partnership.duplicate-partner',
      `Team "${teamIds[repeatedIndex]}" is listed more than once among the partners; list each team once.`,
      `partners[${repeatedIndex}].teamId`,
    );
  }
  if (teamIds.length < 2) {
    throw DomainError.rule(
      'partnership.too-few-partners',
      `A partnership needs at least two partner teams; got ${teamIds.length} (${quoteAll(teamIds)}).`,
      'partners',
    );
  }
  if (!teamIds.includes(proposedBy)) {
    throw DomainError.rule(
      'partnership.proposer-not-partner',
      `Team "${proposedBy}" cannot propose a partnership between ${quoteAll(teamIds)}: the proposer must be one of the partners.`,
      'proposedBy',
    );
  }
  return [{ type: 'PartnershipProposed', data: withoutUndefined({ partnershipId, name, purpose, partners, proposedBy }) }];
}

export function suspendPartnership(command: SuspendPartnership, state: PartnershipState): PartnershipEvent[] {
  requireReason(command.data.reason, 'suspend');
  if (state.status !== 'active') {
    throw DomainError.rule(
      'partnership.not-active',
      `Partnership "${state.partnershipId}" is ${state.status}; only an active partnership can be suspended.`,
    );
  }
  return [{ type: 'PartnershipSuspended', data: { reason: command.data.reason } }];
}

export function resumePartnership(command: ResumePartnership, state: PartnershipState): PartnershipEvent[] {
  requireReason(command.data.reason, 'resume');
  if (state.status !== 'suspended') {
    throw DomainError.rule(
      'partnership.not-suspended',
      `Partnership "${state.partnershipId}" is ${state.status}; only a suspended partnership can be resumed.`,
    );
  }
  return [{ type: 'PartnershipResumed', data: { reason: command.data.reason } }];
}

/** A change of status is explained to everyone who reads the history later. */
function requireReason(reason: string, action: 'suspend' | 'resume' | 'terminate'): void {
  if (reason.trim().length > 0) return;
  throw DomainError.rule('partnership.reason-required', `A reason is required to ${action} a partnership.`, 'reason');
}

/** Any live partnership may end; the status gate has already refused a terminated one. */
export function terminatePartnership(command: TerminatePartnership): PartnershipEvent[] {
  requireReason(command.data.reason, 'terminate');
  return [{ type: 'PartnershipTerminated', data: { reason: command.data.reason } }];
}
