/**
 * Ready-made partnership histories and event builders for specifications: a
 * Marketing-Sales partnership at each point of its life, so a test states only what
 * matters to its rule. Builders take overrides for the one field a test is about.
 */
import type { EventOfType, PartnershipEvent, PartnershipScope, RaciRole, TeamId } from '@ledger/contracts';
import type { DecisionContext } from '../partnership/decide';
import { evolvePartnership } from '../partnership/evolve';
import { initialPartnershipState, type PartnershipState } from '../partnership/state';

export const MARKETING = 'marketing';
export const SALES = 'sales';
export const IT = 'it';
export const FINANCE = 'finance';
export const PARTNERSHIP_ID = 'marketing-sales';

/** Decisions in specifications happen at one fixed instant. */
export const DECISION_CONTEXT: DecisionContext = { now: new Date('2025-03-14T10:00:00.000Z') };

/** The state a history adds up to, for specifications of the state itself. */
export function stateAfter(events: PartnershipEvent[]): PartnershipState {
  return events.reduce(evolvePartnership, initialPartnershipState());
}

export const partnershipProposed: EventOfType<'PartnershipProposed'> = {
  type: 'PartnershipProposed',
  data: {
    partnershipId: PARTNERSHIP_ID,
    name: 'Marketing and Sales',
    partners: [
      { teamId: MARKETING, displayName: 'Marketing' },
      { teamId: SALES, displayName: 'Sales' },
    ],
    proposedBy: MARKETING,
  },
};

export function aScope(overrides: Partial<PartnershipScope> = {}): PartnershipScope {
  return {
    priorities: ['Grow qualified pipeline'],
    programFocusAreas: ['Lead management'],
    evaluationProcess: 'Quarterly joint review',
    reportingRequirements: ['Monthly funnel report'],
    outputMeasures: ['MQL volume', 'MQL-to-SQL conversion'],
    dataManagement: 'CRM is the system of record for leads',
    responsibilities: [
      { teamId: MARKETING, duties: ['Generate MQLs'] },
      { teamId: SALES, duties: ['Contact every MQL within one hour'] },
    ],
    ...overrides,
  };
}

export const scopeDefined: EventOfType<'ScopeDefined'> = { type: 'ScopeDefined', data: { agreementVersion: 1, scope: aScope() } };

export function agreementSigned(agreementVersion: number, teamId: TeamId): EventOfType<'AgreementSigned'> {
  return { type: 'AgreementSigned', data: { agreementVersion, teamId, signatory: `Head of ${teamId}` } };
}

export function agreementActivated(agreementVersion: number): EventOfType<'AgreementActivated'> {
  return { type: 'AgreementActivated', data: { agreementVersion } };
}

/** Proposed, scoped, signed by both partners: version 1 in force. */
export const activePartnership: PartnershipEvent[] = [
  partnershipProposed,
  scopeDefined,
  agreementSigned(1, MARKETING),
  agreementSigned(1, SALES),
  agreementActivated(1),
];

export const suspendedPartnership: PartnershipEvent[] = [
  ...activePartnership,
  { type: 'PartnershipSuspended', data: { reason: 'Reorganisation of the sales team' } },
];

export const terminatedPartnership: PartnershipEvent[] = [
  ...activePartnership,
  { type: 'PartnershipTerminated', data: { reason: 'Replaced by a three-way partnership' } },
];

export function metricDefined(overrides: Partial<EventOfType<'MetricDefined'>['data']> = {}): EventOfType<'MetricDefined'> {
  return {
    type: 'MetricDefined',
    data: {
      metricId: 'mql-volume',
      name: 'MQL volume',
      definition: 'Marketing-qualified leads handed to Sales',
      ownerTeamId: MARKETING,
      indicator: 'leading',
      unit: 'leads',
      direction: 'higher-is-better',
      cadence: 'monthly',
      ...overrides,
    },
  };
}

export function vocabularyTermDefined(term: string, definition: string): EventOfType<'VocabularyTermDefined'> {
  return { type: 'VocabularyTermDefined', data: { term, version: 1, definition } };
}

export function decisionRightAssigned(decisionArea: string, teamId: TeamId, role: RaciRole): EventOfType<'DecisionRightAssigned'> {
  return { type: 'DecisionRightAssigned', data: { decisionArea, teamId, role } };
}

export function slaDefined(overrides: Partial<EventOfType<'SlaDefined'>['data']> = {}): EventOfType<'SlaDefined'> {
  return {
    type: 'SlaDefined',
    data: {
      slaId: 'mql-first-contact',
      name: 'Sales contacts every MQL within one hour',
      providerTeamId: SALES,
      beneficiaryTeamId: MARKETING,
      measure: 'time to first contact',
      unit: 'minutes',
      threshold: { comparator: 'at-most', value: 60 },
      complianceTarget: 0.95,
      compliancePeriod: 'weekly',
      ...overrides,
    },
  };
}
