import type { PartnershipEvent } from '@ledger/contracts';
import type { RecordDecision } from '../commands';
import {
  DECISION_CONTEXT,
  DeciderSpecification,
  FINANCE,
  IT,
  MARKETING,
  SALES,
  activePartnership,
  decisionRightAssigned,
} from '../testing';
import { partnershipDecider } from './decider';

const given = DeciderSpecification.for(partnershipDecider, DECISION_CONTEXT);

const AREA = 'vendor choice';
const withRights = [
  ...activePartnership,
  decisionRightAssigned(AREA, MARKETING, 'accountable'),
  decisionRightAssigned(AREA, SALES, 'responsible'),
  decisionRightAssigned(AREA, IT, 'consulted'),
];
const decide = (decidedBy: string, data: Partial<RecordDecision['data']> = {}): RecordDecision => ({
  type: 'RecordDecision',
  data: { decisionId: 'd-1', decisionArea: AREA, decidedBy, title: 'Choose the marketing automation vendor', ...data },
});
const recorded = (decidedBy: string, authority: 'accountable' | 'responsible'): PartnershipEvent => ({
  type: 'DecisionRecorded',
  data: { decisionId: 'd-1', decisionArea: AREA, decidedBy, authority, title: 'Choose the marketing automation vendor' },
});

describe('recording a decision', () => {
  it('records a decision by the accountable team under its accountable right', () => {
    given(withRights).when(decide(MARKETING)).then([recorded(MARKETING, 'accountable')]);
  });

  it('records a decision by a responsible team under its responsible right', () => {
    given(withRights).when(decide(SALES)).then([recorded(SALES, 'responsible')]);
  });

  it('keeps the rationale when one is given', () => {
    const decision = recorded(MARKETING, 'accountable');
    given(withRights)
      .when(decide(MARKETING, { rationale: 'Best CRM integration' }))
      .then([{ ...decision, data: { ...decision.data, rationale: 'Best CRM integration' } } as PartnershipEvent]);
  });

  it('refuses a consulted team, naming the team, the area and who may decide', () => {
    const error = given(withRights).when(decide(IT)).thenThrows('decision.no-right');
    expect(error.field).toBe('decidedBy');
    expect(error.message).toBe(
      'Team "it" has no right to decide in area "vendor choice"; only its responsible or accountable teams may ' +
        '(responsible: "sales"; accountable: "marketing").',
    );
  });

  it('refuses a team with no role in the area', () => {
    given(withRights).when(decide(FINANCE)).thenThrows('decision.no-right');
  });

  it('refuses a team whose right was revoked before the decision', () => {
    const revoked: PartnershipEvent = {
      type: 'DecisionRightRevoked',
      data: { decisionArea: AREA, teamId: SALES, role: 'responsible', reason: 'Vendor choice moves to Marketing' },
    };
    given([...withRights, revoked]).when(decide(SALES)).thenThrows('decision.no-right');
  });

  it('refuses an area with no rights assigned', () => {
    const error = given(withRights).when(decide(MARKETING, { decisionArea: 'pricing' })).thenThrows('decision.unknown-area');
    expect(error.field).toBe('decisionArea');
  });

  it('is a conflict when the decision id is taken', () => {
    const error = given([...withRights, recorded(SALES, 'responsible')]).when(decide(MARKETING)).thenThrows('decision.already-exists');
    expect(error.kind).toBe('conflict');
  });
});
