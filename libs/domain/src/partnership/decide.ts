/**
 * The partnership decider's entry point: given the state the history built and a
 * command, which events (if any) the command adds, or the rule it breaks. Every command
 * first passes the lifecycle gate (does the partnership exist, is it live, does its
 * status allow this kind of command), then the rules of its own area.
 */
import type { PartnershipEvent } from '@ledger/contracts';
import type { PartnershipCommand } from '../commands';
import { amendScope, defineScope, signAgreement } from './agreement';
import { amendAssetUsage, registerAsset } from './assets';
import { commitContribution, deliverContribution, withdrawContribution } from './contributions';
import { assignDecisionRights, revokeDecisionRight } from './decision-rights';
import { recordDecision } from './decisions';
import { proposePartnership, requireCommandAccepted, resumePartnership, suspendPartnership, terminatePartnership } from './lifecycle';
import { defineMetric, retireMetric, setMetricTarget, transferMetricOwnership } from './metrics';
import { correctReading, recordReading } from './readings';
import { defineSla, recordSlaObservation } from './slas';
import type { PartnershipState } from './state';
import { defineVocabularyTerm, reviseVocabularyTerm } from './vocabulary';

/**
 * What a decision may depend on besides the command and the history. Time comes in
 * here, never from a clock inside the domain, so a decision can be replayed exactly;
 * no rule of the current agreement depends on it yet.
 */
export interface DecisionContext {
  now: Date;
}

/** Throws `DomainError` when the command breaks a rule; otherwise returns the events to append. */
export function decidePartnership(
  command: PartnershipCommand,
  state: PartnershipState,
  _context: DecisionContext,
): PartnershipEvent[] {
  requireCommandAccepted(state, command.type);
  switch (command.type) {
    case 'ProposePartnership':
      return proposePartnership(command);
    case 'DefineScope':
      return defineScope(command, state);
    case 'AmendScope':
      return amendScope(command, state);
    case 'SignAgreement':
      return signAgreement(command, state);
    case 'CommitContribution':
      return commitContribution(command, state);
    case 'DeliverContribution':
      return deliverContribution(command, state);
    case 'WithdrawContribution':
      return withdrawContribution(command, state);
    case 'DefineMetric':
      return defineMetric(command, state);
    case 'TransferMetricOwnership':
      return transferMetricOwnership(command, state);
    case 'SetMetricTarget':
      return setMetricTarget(command, state);
    case 'RetireMetric':
      return retireMetric(command, state);
    case 'RecordReading':
      return recordReading(command, state);
    case 'CorrectReading':
      return correctReading(command, state);
    case 'AssignDecisionRights':
      return assignDecisionRights(command, state);
    case 'RevokeDecisionRight':
      return revokeDecisionRight(command, state);
    case 'RecordDecision':
      return recordDecision(command, state);
    case 'RegisterAsset':
      return registerAsset(command, state);
    case 'AmendAssetUsage':
      return amendAssetUsage(command, state);
    case 'DefineSla':
      return defineSla(command, state);
    case 'RecordSlaObservation':
      return recordSlaObservation(command, state);
    case 'DefineVocabularyTerm':
      return defineVocabularyTerm(command, state);
    case 'ReviseVocabularyTerm':
      return reviseVocabularyTerm(command, state);
    case 'SuspendPartnership':
      return suspendPartnership(command, state);
    case 'ResumePartnership':
      return resumePartnership(command, state);
    case 'TerminatePartnership':
      return terminatePartnership(command);
  }
}
