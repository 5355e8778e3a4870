import { AccessDeniedError, type Actor } from '@ledger/application';
import { initialPartnershipState, type PartnershipCommand, type PartnershipState } from '@ledger/domain';
import { publisherWriteAccess, stateReadRefusal } from './publisher-scope';

const publisher = (scope: Partial<Pick<Actor, 'partnershipScope' | 'teamScope'>> = {}): Actor => ({
  accountId: 'crm',
  roles: ['publisher'],
  partnershipScope: null,
  teamScope: null,
  ...scope,
});

function partnershipOf(...teams: string[]): PartnershipState {
  return { ...initialPartnershipState(), partners: teams.map((teamId) => ({ teamId, displayName: teamId })) } as PartnershipState;
}

const reading: PartnershipCommand = {
  type: 'RecordReading',
  data: { readingId: 'r-1', metricId: 'mql-volume', period: '2026-03', value: 1 },
} as PartnershipCommand;

const proposal = (proposedBy: string): PartnershipCommand =>
  ({
    type: 'ProposePartnership',
    data: { partnershipId: 'mkt-sales', name: 'M+S', partners: [{ teamId: 'marketing', displayName: 'M' }, { teamId: 'sales', displayName: 'S' }], proposedBy },
  }) as PartnershipCommand;

function refusalOf(actor: Actor, partnershipId: string, command: PartnershipCommand, state: PartnershipState): AccessDeniedError | null {
  try {
    publisherWriteAccess.assertMayWrite({ actor, partnershipId, command, state });
    return null;
  } catch (error) {
    if (error instanceof AccessDeniedError) return error;
    throw error;
  }
}

describe('who may write what', () => {
  it('lets an unrestricted publisher write to any partnership', () => {
    expect(refusalOf(publisher(), 'mkt-sales', reading, partnershipOf('marketing', 'sales'))).toBeNull();
  });

  it('refuses every role but publisher, even an admin', () => {
    const admin: Actor = { ...publisher(), accountId: 'root', roles: ['admin', 'auditor', 'analyst'] };
    expect(refusalOf(admin, 'mkt-sales', reading, partnershipOf('marketing'))).toMatchObject({
      code: 'auth.forbidden',
      message: 'Account "root" may not record commands: it does not hold the publisher role.',
    });
  });

  it('keeps a publisher to the partnerships of its scope', () => {
    const actor = publisher({ partnershipScope: ['mkt-sales'] });
    expect(refusalOf(actor, 'mkt-sales', reading, partnershipOf('marketing', 'sales'))).toBeNull();
    expect(refusalOf(actor, 'mkt-it', reading, partnershipOf('marketing', 'it'))).toMatchObject({
      code: 'auth.out-of-scope',
      message: 'Account "crm" may publish only for the partnerships "mkt-sales", not for "mkt-it". Nothing was recorded.',
    });
  });

  it('keeps a publisher to partnerships that have one of its teams as a partner', () => {
    const actor = publisher({ teamScope: ['sales'] });
    expect(refusalOf(actor, 'mkt-sales', reading, partnershipOf('marketing', 'sales'))).toBeNull();
    expect(refusalOf(actor, 'mkt-it', reading, partnershipOf('marketing', 'it'))?.code).toBe('auth.out-of-scope');
    expect(refusalOf(actor, 'unknown', reading, initialPartnershipState())?.code).toBe('auth.out-of-scope');
  });

  it('lets a team-scoped publisher propose a partnership only on behalf of one of its teams', () => {
    const actor = publisher({ teamScope: ['sales'] });
    expect(refusalOf(actor, 'mkt-sales', proposal('sales'), initialPartnershipState())).toBeNull();
    expect(refusalOf(actor, 'mkt-sales', proposal('marketing'), initialPartnershipState())).toMatchObject({
      code: 'auth.out-of-scope',
      message: 'Account "crm" may propose partnerships only on behalf of "sales". Nothing was recorded.',
    });
  });

  it('requires both scopes to admit the write when both are set', () => {
    const actor = publisher({ partnershipScope: ['mkt-sales'], teamScope: ['finance'] });
    expect(refusalOf(actor, 'mkt-sales', reading, partnershipOf('marketing', 'sales'))?.code).toBe('auth.out-of-scope');
  });
});

describe('who may read the state of a partnership', () => {
  it('lets auditors and analysts read any partnership, whatever scope their account carries', () => {
    for (const role of ['auditor', 'analyst'] as const) {
      expect(stateReadRefusal({ accountId: 'bi', roles: [role, 'publisher'], partnershipScope: ['other'], teamScope: null }, 'mkt-sales', ['sales'])).toBeNull();
    }
  });

  it('lets a publisher read only the partnerships its scope admits', () => {
    const account = { accountId: 'crm', roles: ['publisher'] as const, partnershipScope: null, teamScope: ['sales'] };
    expect(stateReadRefusal(account, 'mkt-sales', ['marketing', 'sales'])).toBeNull();
    expect(stateReadRefusal(account, 'mkt-it', ['marketing', 'it'])).toMatch(/has none of them as a partner/);
  });
});
