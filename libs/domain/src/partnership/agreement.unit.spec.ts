import type { PartnershipEvent } from '@ledger/contracts';
import {
  DECISION_CONTEXT,
  DeciderSpecification,
  FINANCE,
  MARKETING,
  SALES,
  aScope,
  activePartnership,
  agreementActivated,
  agreementSigned,
  partnershipProposed,
  scopeDefined,
  stateAfter,
} from '../testing';
import { partnershipDecider } from './decider';

const given = DeciderSpecification.for(partnershipDecider, DECISION_CONTEXT);

const amendedScope = aScope({ priorities: ['Grow qualified pipeline', 'Shorten the sales cycle'] });
const scopeAmended: PartnershipEvent = {
  type: 'ScopeAmended',
  data: { agreementVersion: 2, scope: amendedScope, reason: 'Add a second priority' },
};
const sign = (agreementVersion: number, teamId: string) =>
  ({ type: 'SignAgreement', data: { agreementVersion, teamId, signatory: `Head of ${teamId}` } }) as const;

describe('defining the scope', () => {
  it('records the scope as agreement version 1', () => {
    given([partnershipProposed]).when({ type: 'DefineScope', data: { scope: aScope() } }).then([scopeDefined]);
  });

  it('is a conflict once the scope is defined; changes go through an amendment', () => {
    const error = given([partnershipProposed, scopeDefined])
      .when({ type: 'DefineScope', data: { scope: aScope() } })
      .thenThrows('scope.already-defined');
    expect(error.kind).toBe('conflict');
  });

  it('refuses responsibilities for a team that is not a partner', () => {
    const scope = aScope({ responsibilities: [{ teamId: MARKETING, duties: ['MQLs'] }, { teamId: FINANCE, duties: ['Budget'] }] });
    const error = given([partnershipProposed]).when({ type: 'DefineScope', data: { scope } }).thenThrows('scope.team-not-partner');
    expect(error.field).toBe('scope.responsibilities[1].teamId');
    expect(error.message).toBe(
      'Team "finance" is not a partner of partnership "marketing-sales" (partners: "marketing", "sales"); ' +
        'only a partner can carry responsibilities in its scope.',
    );
  });
});

describe('amending the scope', () => {
  it('records the next agreement version with its reason', () => {
    given(activePartnership)
      .when({ type: 'AmendScope', data: { scope: amendedScope, reason: 'Add a second priority' } })
      .then([scopeAmended]);
  });

  it('numbers each further amendment one higher', () => {
    given([...activePartnership, scopeAmended])
      .when({ type: 'AmendScope', data: { scope: aScope(), reason: 'Back to one priority' } })
      .then([{ type: 'ScopeAmended', data: { agreementVersion: 3, scope: aScope(), reason: 'Back to one priority' } }]);
  });

  it('refuses an amendment before any scope is defined', () => {
    given([partnershipProposed])
      .when({ type: 'AmendScope', data: { scope: aScope(), reason: 'Early' } })
      .thenThrows('scope.not-defined');
  });

  it('refuses responsibilities for a team that is not a partner', () => {
    const scope = aScope({ responsibilities: [{ teamId: FINANCE, duties: ['Budget'] }] });
    given(activePartnership)
      .when({ type: 'AmendScope', data: { scope, reason: 'Bring in Finance' } })
      .thenThrows('scope.team-not-partner');
  });
});

describe('signing the agreement', () => {
  it('records the signature of a partner while others have not signed yet', () => {
    given([partnershipProposed, scopeDefined]).when(sign(1, MARKETING)).then([agreementSigned(1, MARKETING)]);
  });

  it('activates the version when the last partner signs it', () => {
    given([partnershipProposed, scopeDefined, agreementSigned(1, MARKETING)])
      .when(sign(1, SALES))
      .then([agreementSigned(1, SALES), agreementActivated(1)]);
  });

  it('makes the partnership active, with the signed version in force', () => {
    const state = stateAfter(activePartnership);
    expect(state.status).toBe('active');
    expect(state.agreement.versionInForce).toBe(1);
    expect(state.agreement.signatures[1]).toEqual({ [MARKETING]: `Head of ${MARKETING}`, [SALES]: `Head of ${SALES}` });
  });

  it('refuses a team that is not a partner', () => {
    const error = given([partnershipProposed, scopeDefined]).when(sign(1, FINANCE)).thenThrows('agreement.signer-not-partner');
    expect(error.field).toBe('teamId');
  });

  it('refuses a signature before the scope is defined', () => {
    given([partnershipProposed]).when(sign(1, MARKETING)).thenThrows('scope.not-defined');
  });

  it('refuses a signature for a version other than the current one', () => {
    const error = given([partnershipProposed, scopeDefined]).when(sign(2, MARKETING)).thenThrows('agreement.version-mismatch');
    expect(error.field).toBe('agreementVersion');
  });

  it('is a conflict when the team already signed this version', () => {
    const error = given([partnershipProposed, scopeDefined, agreementSigned(1, MARKETING)])
      .when(sign(1, MARKETING))
      .thenThrows('agreement.already-signed');
    expect(error.kind).toBe('conflict');
  });
});

describe('an amended agreement', () => {
  it('needs fresh signatures: signatures of the previous version do not count', () => {
    given([...activePartnership, scopeAmended]).when(sign(2, MARKETING)).then([agreementSigned(2, MARKETING)]);
  });

  it('can no longer be signed in its previous version', () => {
    given([...activePartnership, scopeAmended, agreementSigned(2, MARKETING)])
      .when(sign(1, SALES))
      .thenThrows('agreement.version-mismatch');
  });

  it('comes into force when every partner has signed it', () => {
    given([...activePartnership, scopeAmended, agreementSigned(2, MARKETING)])
      .when(sign(2, SALES))
      .then([agreementSigned(2, SALES), agreementActivated(2)]);
  });

  it('leaves the previous version in force until then, and the partnership active throughout', () => {
    const pending = stateAfter([...activePartnership, scopeAmended, agreementSigned(2, MARKETING)]);
    expect(pending).toMatchObject({ status: 'active', agreement: { currentVersion: 2, versionInForce: 1 } });

    const fullySigned = [agreementSigned(2, MARKETING), agreementSigned(2, SALES), agreementActivated(2)];
    const inForce = stateAfter([...activePartnership, scopeAmended, ...fullySigned]);
    expect(inForce).toMatchObject({ status: 'active', agreement: { currentVersion: 2, versionInForce: 2, scope: amendedScope } });
  });
});
