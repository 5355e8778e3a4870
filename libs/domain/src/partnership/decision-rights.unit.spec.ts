import type { PartnershipEvent, RaciRole } from '@ledger/contracts';
import {
  DECISION_CONTEXT,
  DeciderSpecification,
  FINANCE,
  IT,
  MARKETING,
  SALES,
  activePartnership,
  decisionRightAssigned,
  stateAfter,
} from '../testing';
import { partnershipDecider } from './decider';

const given = DeciderSpecification.for(partnershipDecider, DECISION_CONTEXT);

const AREA = 'lead routing';
const assign = (...assignments: [string, RaciRole][]) =>
  ({
    type: 'AssignDecisionRights',
    data: { decisionArea: AREA, assignments: assignments.map(([teamId, role]) => ({ teamId, role })) },
  }) as const;
const revoke = (teamId: string, role: RaciRole) =>
  ({ type: 'RevokeDecisionRight', data: { decisionArea: AREA, teamId, role, reason: 'New operating model' } }) as const;
const revoked = (teamId: string, role: RaciRole): PartnershipEvent => ({
  type: 'DecisionRightRevoked',
  data: { decisionArea: AREA, teamId, role, reason: 'New operating model' },
});
const salesAccountable = decisionRightAssigned(AREA, SALES, 'accountable');

describe('assigning decision rights', () => {
  it('records one assignment per right', () => {
    given(activePartnership)
      .when(assign([SALES, 'accountable'], [MARKETING, 'responsible'], [FINANCE, 'informed']))
      .then([salesAccountable, decisionRightAssigned(AREA, MARKETING, 'responsible'), decisionRightAssigned(AREA, FINANCE, 'informed')]);
  });

  it('lets a team that is not a partner be consulted or informed', () => {
    given(activePartnership)
      .when(assign([IT, 'consulted'], [FINANCE, 'informed']))
      .then([decisionRightAssigned(AREA, IT, 'consulted'), decisionRightAssigned(AREA, FINANCE, 'informed')]);
  });

  it.each(['responsible', 'accountable'] as const)('refuses a team that is not a partner as %s', (role) => {
    const error = given(activePartnership).when(assign([MARKETING, 'consulted'], [FINANCE, role])).thenThrows('raci.not-partner');
    expect(error.field).toBe('assignments[1].teamId');
  });

  it('skips rights already held and records only the new ones', () => {
    given([...activePartnership, salesAccountable])
      .when(assign([SALES, 'accountable'], [MARKETING, 'responsible']))
      .then([decisionRightAssigned(AREA, MARKETING, 'responsible')]);
  });

  it('is a conflict when every right given is already held', () => {
    const error = given([...activePartnership, salesAccountable])
      .when(assign([SALES, 'accountable']))
      .thenThrows('raci.nothing-to-assign');
    expect(error.kind).toBe('conflict');
  });

  it('refuses a second accountable team for the area', () => {
    const error = given([...activePartnership, salesAccountable])
      .when(assign([MARKETING, 'accountable']))
      .thenThrows('raci.second-accountable');
    expect(error.field).toBe('assignments');
    expect(error.message).toContain('"sales" is already accountable for decision area "lead routing"');
  });

  it('refuses two accountable teams given in one command', () => {
    given(activePartnership).when(assign([SALES, 'accountable'], [MARKETING, 'accountable'])).thenThrows('raci.second-accountable');
  });

  it('refuses a second role for a team that already holds one in the area', () => {
    const error = given([...activePartnership, salesAccountable]).when(assign([SALES, 'responsible'])).thenThrows('raci.role-conflict');
    expect(error.field).toBe('assignments[0].role');
  });

  it('refuses two roles for one team given in one command', () => {
    given(activePartnership).when(assign([MARKETING, 'responsible'], [MARKETING, 'consulted'])).thenThrows('raci.role-conflict');
  });

  it('accepts a new accountable team once the previous one is revoked', () => {
    given([...activePartnership, salesAccountable, revoked(SALES, 'accountable')])
      .when(assign([MARKETING, 'accountable']))
      .then([decisionRightAssigned(AREA, MARKETING, 'accountable')]);
  });

  it('keeps the rights of different areas apart', () => {
    given([...activePartnership, salesAccountable])
      .when({
        type: 'AssignDecisionRights',
        data: { decisionArea: 'vendor choice', assignments: [{ teamId: MARKETING, role: 'accountable' }] },
      })
      .then([decisionRightAssigned('vendor choice', MARKETING, 'accountable')]);
  });
});

describe('revoking a decision right', () => {
  it('records the revocation with its reason', () => {
    given([...activePartnership, salesAccountable]).when(revoke(SALES, 'accountable')).then([revoked(SALES, 'accountable')]);
  });

  it('refuses to revoke a right the team does not hold', () => {
    given([...activePartnership, salesAccountable]).when(revoke(SALES, 'responsible')).thenThrows('raci.right-not-held');
  });

  it('lets the team take another role in the area afterwards', () => {
    given([...activePartnership, salesAccountable, revoked(SALES, 'accountable')])
      .when(assign([SALES, 'responsible']))
      .then([decisionRightAssigned(AREA, SALES, 'responsible')]);
  });

  it('forgets an area once its last right is revoked', () => {
    expect(stateAfter([...activePartnership, salesAccountable, revoked(SALES, 'accountable')]).decisionRights.size).toBe(0);
  });
});
