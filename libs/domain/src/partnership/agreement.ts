/**
 * Rule of engagement 1, scope, and the signatures that put it in force. Each scope
 * definition or amendment is a new agreement version; a version is in force once every
 * partner has signed it. Until an amendment is fully signed, the version signed before
 * it stays in force, so the partnership never runs on terms not everyone agreed to.
 */
import type { PartnershipEvent, PartnershipScope } from '@ledger/contracts';
import type { AmendScope, DefineScope, SignAgreement } from '../commands';
import { requirePartner } from './checks';
import { DomainError } from './errors';
import type { PartnershipState } from './state';

export function defineScope(command: DefineScope, state: PartnershipState): PartnershipEvent[] {
  if (state.agreement.scope !== null) {
    throw DomainError.conflict(
      'scope.already-defined',
      `The scope of partnership "${state.partnershipId}" is already defined ` +
        `(agreement version ${state.agreement.currentVersion}); change it with AmendScope.`,
    );
  }
  requireResponsibleTeamsArePartners(state, command.data.scope);
  return [{ type: 'ScopeDefined', data: { agreementVersion: 1, scope: command.data.scope } }];
}

export function amendScope(command: AmendScope, state: PartnershipState): PartnershipEvent[] {
  requireScopeDefined(state, 'amended');
  requireResponsibleTeamsArePartners(state, command.data.scope);
  const { scope, reason } = command.data;
  return [{ type: 'ScopeAmended', data: { agreementVersion: state.agreement.currentVersion + 1, scope, reason } }];
}

export function signAgreement(command: SignAgreement, state: PartnershipState): PartnershipEvent[] {
  const { agreementVersion, teamId, signatory } = command.data;
  requirePartner(state, teamId, { code: 'agreement.signer-not-partner', field: 'teamId', action: 'sign its agreement' });
  requireScopeDefined(state, 'signed');
  const { currentVersion, signatures } = state.agreement;
  if (agreementVersion !== currentVersion) {
    throw DomainError.rule(
      'agreement.version-mismatch',
      `Agreement version ${agreementVersion} cannot be signed: ` +
        `the current version of partnership "${state.partnershipId}" is ${currentVersion}.`,
      'agreementVersion',
    );
  }
  const signedBefore = signatures[currentVersion] ?? {};
  if (teamId in signedBefore) {
    throw DomainError.conflict(
      'agreement.already-signed',
      `Team "${teamId}" already signed agreement version ${currentVersion} (signed by ${signedBefore[teamId]}).`,
      'teamId',
    );
  }
  const signed: PartnershipEvent = { type: 'AgreementSigned', data: { agreementVersion, teamId, signatory } };
  const everyPartnerSigned = state.partners.every((partner) => partner.teamId === teamId || partner.teamId in signedBefore);
  return everyPartnerSigned ? [signed, { type: 'AgreementActivated', data: { agreementVersion } }] : [signed];
}

function requireScopeDefined(state: PartnershipState, action: 'amended' | 'signed'): void {
  if (state.agreement.scope !== null) return;
  throw DomainError.rule(
    'scope.not-defined',
    `Partnership "${state.partnershipId}" has no scope yet, so its agreement cannot be ${action}; define the scope first.`,
  );
}

/** A scope may only hand duties to the teams that are party to it. */
function requireResponsibleTeamsArePartners(state: PartnershipState, scope: PartnershipScope): void {
  scope.responsibilities.forEach(({ teamId }, index) =>
    requirePartner(state, teamId, {
      code: 'scope.team-not-partner',
      field: `scope.responsibilities[${index}].teamId`,
      action: 'carry responsibilities in its scope',
    }),
  );
}
