import type { PartnershipEvent } from '@ledger/contracts';
import type { PartnershipCommand, PartnershipCommandType } from '../commands';
import {
  DECISION_CONTEXT,
  DeciderSpecification,
  FINANCE,
  MARKETING,
  PARTNERSHIP_ID,
  SALES,
  activePartnership,
  metricDefined,
  partnershipProposed,
  scopeDefined,
  slaDefined,
  stateAfter,
  suspendedPartnership,
  terminatedPartnership,
} from '../testing';
import { partnershipDecider } from './decider';

const given = DeciderSpecification.for(partnershipDecider, DECISION_CONTEXT);

const partners = [
  { teamId: MARKETING, displayName: 'Marketing' },
  { teamId: SALES, displayName: 'Sales' },
];

/** One well-formed command of every type, to check the lifecycle gate against all of them. */
const ONE_OF_EACH_COMMAND: Record<PartnershipCommandType, PartnershipCommand> = {
  ProposePartnership: {
    type: 'ProposePartnership',
    data: { partnershipId: PARTNERSHIP_ID, name: 'Marketing and Sales', partners, proposedBy: MARKETING },
  },
  DefineScope: { type: 'DefineScope', data: { scope: scopeDefined.data.scope } },
  AmendScope: { type: 'AmendScope', data: { scope: scopeDefined.data.scope, reason: 'Add IT duties' } },
  SignAgreement: { type: 'SignAgreement', data: { agreementVersion: 1, teamId: MARKETING, signatory: 'Ann' } },
  CommitContribution: {
    type: 'CommitContribution',
    data: { contributionId: 'c-1', teamId: MARKETING, kind: 'budget', description: 'Event budget', dueDate: '2025-06-30' },
  },
  DeliverContribution: { type: 'DeliverContribution', data: { contributionId: 'c-1', evidence: [{ description: 'PO 77' }] } },
  WithdrawContribution: { type: 'WithdrawContribution', data: { contributionId: 'c-1', reason: 'Budget cut' } },
  DefineMetric: { type: 'DefineMetric', data: { ...metricDefined({ metricId: 'win-rate' }).data } },
  TransferMetricOwnership: { type: 'TransferMetricOwnership', data: { metricId: 'mql-volume', toTeamId: SALES, reason: 'Re-org' } },
  SetMetricTarget: { type: 'SetMetricTarget', data: { metricId: 'mql-volume', period: '2025-03', target: 400 } },
  RetireMetric: { type: 'RetireMetric', data: { metricId: 'mql-volume', reason: 'Replaced' } },
  RecordReading: { type: 'RecordReading', data: { readingId: 'r-1', metricId: 'mql-volume', period: '2025-03', value: 380 } },
  CorrectReading: { type: 'CorrectReading', data: { readingId: 'r-0', correctedValue: 390, reason: 'Late leads' } },
  AssignDecisionRights: {
    type: 'AssignDecisionRights',
    data: { decisionArea: 'lead routing', assignments: [{ teamId: SALES, role: 'accountable' }] },
  },
  RevokeDecisionRight: {
    type: 'RevokeDecisionRight',
    data: { decisionArea: 'lead routing', teamId: SALES, role: 'accountable', reason: 'Re-org' },
  },
  RecordDecision: {
    type: 'RecordDecision',
    data: { decisionId: 'd-1', decisionArea: 'lead routing', decidedBy: SALES, title: 'Route by region' },
  },
  RegisterAsset: {
    type: 'RegisterAsset',
    data: { assetId: 'crm', name: 'CRM', kind: 'tool', ownerTeamId: SALES, steward: 'Sales ops', usage: [] },
  },
  AmendAssetUsage: { type: 'AmendAssetUsage', data: { assetId: 'crm', usage: [], reason: 'Open to Marketing' } },
  DefineSla: { type: 'DefineSla', data: { ...slaDefined({ slaId: 'sql-feedback' }).data } },
  RecordSlaObservation: { type: 'RecordSlaObservation', data: { observationId: 'o-1', slaId: 'mql-first-contact', value: 42 } },
  DefineVocabularyTerm: { type: 'DefineVocabularyTerm', data: { term: 'sql', definition: 'Sales-qualified lead' } },
  ReviseVocabularyTerm: { type: 'ReviseVocabularyTerm', data: { term: 'sql', definition: 'Accepted by Sales', reason: 'Clarify' } },
  SuspendPartnership: { type: 'SuspendPartnership', data: { reason: 'Re-org' } },
  ResumePartnership: { type: 'ResumePartnership', data: { reason: 'Re-org done' } },
  TerminatePartnership: { type: 'TerminatePartnership', data: { reason: 'Superseded' } },
};

const ALL_BUT_PROPOSE = Object.values(ONE_OF_EACH_COMMAND).filter((command) => command.type !== 'ProposePartnership');

describe('proposing a partnership', () => {
  it('records the proposal on an empty stream', () => {
    given([]).when(ONE_OF_EACH_COMMAND.ProposePartnership).then([partnershipProposed]);
  });

  it('keeps the purpose when one is given', () => {
    const command = ONE_OF_EACH_COMMAND.ProposePartnership;
    given([])
      .when({ ...command, data: { ...command.data, purpose: 'Grow pipeline' } } as PartnershipCommand)
      .then([{ ...partnershipProposed, data: { ...partnershipProposed.data, purpose: 'Grow pipeline' } }]);
  });

  it('is a conflict when the partnership already exists', () => {
    const error = given([partnershipProposed])
      .when(ONE_OF_EACH_COMMAND.ProposePartnership)
      .thenThrows('partnership.already-exists');
    expect(error.kind).toBe('conflict');
  });

  it('refuses a single partner team', () => {
    given([])
      .when({
        type: 'ProposePartnership',
        data: { partnershipId: 'solo', name: 'Solo', partners: [partners[0]], proposedBy: MARKETING },
      })
      .thenThrows('partnership.too-few-partners');
  });

  it('refuses the same team listed twice, which would leave one real partner', () => {
    const error = given([])
      .when({
        type: 'ProposePartnership',
        data: { partnershipId: 'twice', name: 'Twice', partners: [partners[0], partners[0]], proposedBy: MARKETING },
      })
      .thenThrows('partnership.duplicate-partner');
    expect(error.field).toBe('partners[1].teamId');
  });

  it('refuses a proposer who is not one of the partners', () => {
    const error = given([])
      .when({ type: 'ProposePartnership', data: { partnershipId: 'p', name: 'P', partners, proposedBy: FINANCE } })
      .thenThrows('partnership.proposer-not-partner');
    expect(error.field).toBe('proposedBy');
  });
});

describe('the lifecycle gate', () => {
  it.each(ALL_BUT_PROPOSE.map((command) => [command.type, command]))(
    'answers %s on an empty stream with partnership.not-found',
    (_type, command) => {
      expect(given([]).when(command).thenThrows('partnership.not-found').kind).toBe('not-found');
    },
  );

  it.each(Object.values(ONE_OF_EACH_COMMAND).map((command) => [command.type, command]))(
    'refuses %s against a terminated partnership',
    (type, command) => {
      const expected = type === 'ProposePartnership' ? 'partnership.already-exists' : 'partnership.terminated';
      given(terminatedPartnership).when(command).thenThrows(expected);
    },
  );

  const refusedWhileSuspended: PartnershipCommandType[] = [
    'DefineScope',
    'AmendScope',
    'SignAgreement',
    'CommitContribution',
    'DefineMetric',
    'TransferMetricOwnership',
    'SetMetricTarget',
    'RetireMetric',
    'AssignDecisionRights',
    'RevokeDecisionRight',
    'RecordDecision',
    'RegisterAsset',
    'AmendAssetUsage',
    'DefineSla',
    'DefineVocabularyTerm',
    'ReviseVocabularyTerm',
    'SuspendPartnership',
  ];
  it.each(refusedWhileSuspended)('refuses %s while the partnership is suspended', (type) => {
    given(suspendedPartnership).when(ONE_OF_EACH_COMMAND[type]).thenThrows('partnership.suspended');
  });

  describe('while suspended, facts from systems still arrive', () => {
    const history: PartnershipEvent[] = [
      ...activePartnership,
      metricDefined(),
      { type: 'ReadingRecorded', data: { readingId: 'r-0', metricId: 'mql-volume', period: '2025-02', value: 350 } },
      {
        type: 'ContributionCommitted',
        data: { contributionId: 'c-1', teamId: MARKETING, kind: 'budget', description: 'Event budget', dueDate: '2025-06-30' },
      },
      slaDefined(),
      { type: 'PartnershipSuspended', data: { reason: 'Re-org' } },
    ];

    it('accepts a reading', () => {
      given(history)
        .when(ONE_OF_EACH_COMMAND.RecordReading)
        .then([{ type: 'ReadingRecorded', data: { readingId: 'r-1', metricId: 'mql-volume', period: '2025-03', value: 380 } }]);
    });

    it('accepts a reading correction', () => {
      given(history)
        .when(ONE_OF_EACH_COMMAND.CorrectReading)
        .then([
          {
            type: 'ReadingCorrected',
            data: {
              readingId: 'r-0',
              metricId: 'mql-volume',
              period: '2025-02',
              previousValue: 350,
              correctedValue: 390,
              reason: 'Late leads',
            },
          },
        ]);
    });

    it('accepts an SLA observation', () => {
      given(history)
        .when(ONE_OF_EACH_COMMAND.RecordSlaObservation)
        .then([{ type: 'SlaObservationRecorded', data: { observationId: 'o-1', slaId: 'mql-first-contact', value: 42, met: true } }]);
    });

    it('accepts a delivery', () => {
      given(history)
        .when(ONE_OF_EACH_COMMAND.DeliverContribution)
        .then([
          { type: 'ContributionDelivered', data: { contributionId: 'c-1', teamId: MARKETING, evidence: [{ description: 'PO 77' }] } },
        ]);
    });

    it('accepts a withdrawal', () => {
      given(history)
        .when(ONE_OF_EACH_COMMAND.WithdrawContribution)
        .then([{ type: 'ContributionWithdrawn', data: { contributionId: 'c-1', teamId: MARKETING, reason: 'Budget cut' } }]);
    });
  });
});

describe('suspending, resuming and terminating', () => {
  it('suspends an active partnership', () => {
    given(activePartnership)
      .when(ONE_OF_EACH_COMMAND.SuspendPartnership)
      .then([{ type: 'PartnershipSuspended', data: { reason: 'Re-org' } }]);
  });

  it('refuses to suspend a partnership that was never activated', () => {
    given([partnershipProposed, scopeDefined]).when(ONE_OF_EACH_COMMAND.SuspendPartnership).thenThrows('partnership.not-active');
  });

  it('resumes a suspended partnership, which is then active again', () => {
    const resumed: PartnershipEvent = { type: 'PartnershipResumed', data: { reason: 'Re-org done' } };
    given(suspendedPartnership).when(ONE_OF_EACH_COMMAND.ResumePartnership).then([resumed]);
    expect(stateAfter([...suspendedPartnership, resumed]).status).toBe('active');
  });

  it('refuses to resume a partnership that is not suspended', () => {
    given(activePartnership).when(ONE_OF_EACH_COMMAND.ResumePartnership).thenThrows('partnership.not-suspended');
  });

  it.each([
    ['a proposed', [partnershipProposed]],
    ['an active', activePartnership],
    ['a suspended', suspendedPartnership],
  ])('terminates %s partnership', (_status, history) => {
    given(history)
      .when(ONE_OF_EACH_COMMAND.TerminatePartnership)
      .then([{ type: 'PartnershipTerminated', data: { reason: 'Superseded' } }]);
  });

  it.each([
    ['SuspendPartnership', activePartnership],
    ['ResumePartnership', suspendedPartnership],
    ['TerminatePartnership', activePartnership],
  ] as const)('refuses %s with a blank reason', (type, history) => {
    const error = given(history).when({ type, data: { reason: '  ' } }).thenThrows('partnership.reason-required');
    expect(error.field).toBe('reason');
  });
});
