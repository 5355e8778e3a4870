import type { EventOfType, PartnershipEvent } from '@ledger/contracts';
import type { CommitContribution } from '../commands';
import { DECISION_CONTEXT, DeciderSpecification, FINANCE, MARKETING, activePartnership } from '../testing';
import { partnershipDecider } from './decider';

const given = DeciderSpecification.for(partnershipDecider, DECISION_CONTEXT);

const commitment: CommitContribution['data'] = {
  contributionId: 'mql-budget',
  teamId: MARKETING,
  kind: 'budget',
  description: 'Budget for lead-generation events',
  quantity: 50000,
  unit: 'EUR',
  dueDate: '2025-06-30',
};
const committed: EventOfType<'ContributionCommitted'> = { type: 'ContributionCommitted', data: commitment };
const delivered: PartnershipEvent = {
  type: 'ContributionDelivered',
  data: { contributionId: 'mql-budget', teamId: MARKETING, evidence: [{ description: 'Purchase order 77' }] },
};
const withdrawn: PartnershipEvent = {
  type: 'ContributionWithdrawn',
  data: { contributionId: 'mql-budget', teamId: MARKETING, reason: 'Budget frozen' },
};
const commit = (data: Partial<CommitContribution['data']> = {}): CommitContribution => ({
  type: 'CommitContribution',
  data: { ...commitment, ...data },
});

describe('committing a contribution', () => {
  it('records what the partner commits and by when', () => {
    given(activePartnership).when(commit()).then([committed]);
  });

  it('leaves out the quantity and unit when none is given', () => {
    const { quantity: _quantity, unit: _unit, ...withoutQuantity } = commitment;
    given(activePartnership)
      .when({ type: 'CommitContribution', data: withoutQuantity })
      .then([{ type: 'ContributionCommitted', data: withoutQuantity }]);
  });

  it('is a conflict when the contribution id is taken', () => {
    expect(given([...activePartnership, committed]).when(commit()).thenThrows('contribution.already-exists').kind).toBe('conflict');
  });

  it('refuses a team that is not a partner', () => {
    const error = given(activePartnership).when(commit({ teamId: FINANCE })).thenThrows('contribution.team-not-partner');
    expect(error.field).toBe('teamId');
  });

  const notCalendarDates = ['2025-02-30', '2025-6-30', '30/06/2025', '2025-06-30T00:00:00Z'];
  it.each(notCalendarDates)('refuses the due date %s, not a calendar date', (dueDate) => {
    const error = given(activePartnership).when(commit({ dueDate })).thenThrows('contribution.due-date-invalid');
    expect(error.field).toBe('dueDate');
  });

  it('accepts 29 February in a leap year', () => {
    given(activePartnership)
      .when(commit({ dueDate: '2028-02-29' }))
      .then([{ type: 'ContributionCommitted', data: { ...commitment, dueDate: '2028-02-29' } }]);
  });
});

describe('delivering a contribution', () => {
  it('records the evidence and the contributing team', () => {
    given([...activePartnership, committed])
      .when({ type: 'DeliverContribution', data: { contributionId: 'mql-budget', evidence: [{ description: 'Purchase order 77' }] } })
      .then([delivered]);
  });

  it('refuses a delivery without evidence', () => {
    const error = given([...activePartnership, committed])
      .when({ type: 'DeliverContribution', data: { contributionId: 'mql-budget', evidence: [] } })
      .thenThrows('contribution.evidence-missing');
    expect(error.field).toBe('evidence');
  });

  it('refuses an unknown contribution', () => {
    const error = given(activePartnership)
      .when({ type: 'DeliverContribution', data: { contributionId: 'ghost', evidence: [{ description: 'x' }] } })
      .thenThrows('contribution.unknown');
    expect(error).toMatchObject({ kind: 'rule', field: 'contributionId' });
  });

  it('is a conflict when the contribution was already delivered', () => {
    given([...activePartnership, committed, delivered])
      .when({ type: 'DeliverContribution', data: { contributionId: 'mql-budget', evidence: [{ description: 'Again' }] } })
      .thenThrows('contribution.already-delivered');
  });

  it('refuses to deliver a withdrawn contribution', () => {
    given([...activePartnership, committed, withdrawn])
      .when({ type: 'DeliverContribution', data: { contributionId: 'mql-budget', evidence: [{ description: 'Late' }] } })
      .thenThrows('contribution.already-withdrawn');
  });
});

describe('withdrawing a contribution', () => {
  it('records the reason and the contributing team', () => {
    given([...activePartnership, committed])
      .when({ type: 'WithdrawContribution', data: { contributionId: 'mql-budget', reason: 'Budget frozen' } })
      .then([withdrawn]);
  });

  it('refuses to withdraw a delivered contribution', () => {
    given([...activePartnership, committed, delivered])
      .when({ type: 'WithdrawContribution', data: { contributionId: 'mql-budget', reason: 'Too late' } })
      .thenThrows('contribution.already-delivered');
  });

  it('is a conflict when the contribution was already withdrawn', () => {
    given([...activePartnership, committed, withdrawn])
      .when({ type: 'WithdrawContribution', data: { contributionId: 'mql-budget', reason: 'Twice' } })
      .thenThrows('contribution.already-withdrawn');
  });

  it('refuses an unknown contribution', () => {
    given(activePartnership)
      .when({ type: 'WithdrawContribution', data: { contributionId: 'ghost', reason: 'Never existed' } })
      .thenThrows('contribution.unknown');
  });
});
