/**
 * Marketing-IT, the agreement side of a customer data platform project: the ten steps
 * of a marketing technology project as decision areas with their RACI, plus the area
 * the DOMAIN sample question asks about, `marketing-technology-investments`. IT held
 * that budget and was accountable for it until mid-quarter, when a scope amendment
 * (signed again by both partners) moved the martech budget to Marketing, which is
 * accountable since, with IT consulted on architecture and security.
 */
import type { PartnershipScope, RaciRole } from '@ledger/contracts';
import type { DemoCalendar } from '../demo-calendar';
import type { PartnershipScript } from '../partnership-script';

export const MKT_IT = 'mkt-it';
const AMENDMENT_DAY = 45;
const INVESTMENTS = 'marketing-technology-investments';

const SCOPE_V1: PartnershipScope = {
  priorities: ['One customer view for campaigns and sales', 'Marketing data available to analysts within days, not weeks'],
  programFocusAreas: ['Customer data platform', 'Marketing data mart', 'Campaign tool integrations'],
  evaluationProcess: 'Fortnightly project review; monthly steering with the CMO and the CIO.',
  reportingRequirements: ['Monthly time to data access', 'Monthly project milestones on time', 'Incident SLA compliance'],
  outputMeasures: ['Time to data access', 'Project milestones on time', 'Critical incidents resolved within 8 hours'],
  dataManagement: 'Customer data stays in the EU; the data mart holds pseudonymised data only; IT operates, Marketing curates.',
  responsibilities: [
    { teamId: 'marketing', duties: ['Define the problem, outcomes and requirements', 'Fund licences', 'Run user acceptance tests'] },
    { teamId: 'it', duties: ['Offer technology options', 'Build and integrate', 'Operate and maintain the platform'] },
  ],
  meetingCadence: 'Fortnightly project review, monthly steering committee.',
};

const SCOPE_V2: PartnershipScope = {
  ...SCOPE_V1,
  responsibilities: [
    { teamId: 'marketing', duties: [...SCOPE_V1.responsibilities[0].duties, 'Own the marketing technology budget and investments'] },
    { teamId: 'it', duties: [...SCOPE_V1.responsibilities[1].duties, 'Review every martech investment for architecture and security'] },
  ],
};

/** The ten steps of a technology project, in order, with who is accountable (A), responsible (R), consulted (C), informed (I). */
const PROJECT_STEPS: readonly [string, Partial<Record<RaciRole, 'marketing' | 'it'>>][] = [
  ['problem-definition', { accountable: 'marketing', consulted: 'it' }],
  ['desired-outcomes', { accountable: 'marketing', consulted: 'it' }],
  ['requirements', { accountable: 'marketing', responsible: 'it' }],
  ['technology-options', { accountable: 'it', consulted: 'marketing' }],
  ['vendor-selection', { accountable: 'marketing', responsible: 'it' }],
  ['build-and-integration', { accountable: 'it', consulted: 'marketing' }],
  ['project-management', { accountable: 'it', responsible: 'marketing' }],
  ['testing', { accountable: 'it', responsible: 'marketing' }],
  ['launch', { accountable: 'marketing', responsible: 'it' }],
  ['maintenance', { accountable: 'it', informed: 'marketing' }],
];

export function recordMarketingItAgreement(script: PartnershipScript, calendar: DemoCalendar): void {
  const { day } = calendar;
  script.record(day(1, '09:00'), 'ProposePartnership', {
    partnershipId: MKT_IT,
    name: 'Marketing-IT customer data platform partnership',
    purpose: 'Choose, build and run a customer data platform that Marketing can use without waiting on IT tickets.',
    partners: [
      { teamId: 'marketing', displayName: 'Marketing' },
      { teamId: 'it', displayName: 'IT' },
    ],
    proposedBy: 'marketing',
  });
  script.record(day(1, '10:00'), 'DefineScope', { scope: SCOPE_V1 });
  script.record(day(2, '11:00'), 'SignAgreement', { agreementVersion: 1, teamId: 'marketing', signatory: 'Maya Lindqvist, VP Marketing' });
  script.record(day(3, '17:00'), 'SignAgreement', { agreementVersion: 1, teamId: 'it', signatory: 'Tomasz Nowak, CIO' });
  script.record(day(AMENDMENT_DAY, '10:00'), 'AmendScope', {
    scope: SCOPE_V2,
    reason: 'The board moved the marketing technology budget from central IT to Marketing; IT keeps an architecture review.',
  });
  script.record(day(AMENDMENT_DAY + 1, '09:00'), 'SignAgreement', { agreementVersion: 2, teamId: 'it', signatory: 'Tomasz Nowak, CIO' });
  script.record(day(AMENDMENT_DAY + 2, '14:00'), 'SignAgreement', { agreementVersion: 2, teamId: 'marketing', signatory: 'Maya Lindqvist, VP Marketing' });
  recordDecisionRights(script, calendar);
  recordDecisions(script, calendar);
}

function recordDecisionRights(script: PartnershipScript, calendar: DemoCalendar): void {
  const { day } = calendar;
  for (const [decisionArea, roles] of PROJECT_STEPS) {
    const assignments = Object.entries(roles).map(([role, teamId]) => ({ teamId, role: role as RaciRole }));
    script.record(day(4, '11:00'), 'AssignDecisionRights', { decisionArea, assignments });
  }
  script.record(day(4, '11:30'), 'AssignDecisionRights', {
    decisionArea: INVESTMENTS,
    assignments: [{ teamId: 'it', role: 'accountable' }, { teamId: 'marketing', role: 'consulted' }, { teamId: 'finance', role: 'informed' }],
  });
  // A team holds one role per area, so the swap revokes both roles before assigning the new ones.
  const swapAt = day(AMENDMENT_DAY + 3, '10:00');
  const reason = 'Agreement version 2: the marketing technology budget moved to Marketing.';
  script.record(swapAt, 'RevokeDecisionRight', { decisionArea: INVESTMENTS, teamId: 'it', role: 'accountable', reason });
  script.record(swapAt, 'RevokeDecisionRight', { decisionArea: INVESTMENTS, teamId: 'marketing', role: 'consulted', reason });
  script.record(swapAt, 'AssignDecisionRights', {
    decisionArea: INVESTMENTS,
    assignments: [{ teamId: 'marketing', role: 'accountable' }, { teamId: 'it', role: 'consulted' }],
  });
}

function recordDecisions(script: PartnershipScript, calendar: DemoCalendar): void {
  const decisions = [
    [9, 'problem-definition', 'marketing', 'Campaigns cannot target by product usage because customer data sits in five systems', undefined],
    [16, 'requirements', 'it', 'Requirements baseline 1.0: EU hosting, real-time CRM sync, consent management', undefined],
    [20, INVESTMENTS, 'it', 'Budget 180,000 EUR for the first year of a customer data platform', 'Within the IT budget approved in January.'],
    [30, 'vendor-selection', 'marketing', 'Choose Acme CDP as the customer data platform', 'Best CRM integration and EU hosting within budget.'],
    [52, INVESTMENTS, 'marketing', 'Add the Acme CDP personalisation module', 'Marketing now owns the budget; IT reviewed the architecture.'],
    [62, 'build-and-integration', 'it', 'Integrate the CDP through the event streaming platform instead of nightly files', undefined],
    [76, 'launch', 'marketing', 'Launch the CDP for the EMEA region first', 'EMEA data is already consolidated.'],
  ] as const;
  decisions.forEach(([dayIndex, decisionArea, decidedBy, title, rationale], index) =>
    script.record(calendar.day(dayIndex, '15:00'), 'RecordDecision', {
      decisionId: `mi-decision-${index + 1}`,
      decisionArea,
      decidedBy,
      title,
      ...(rationale === undefined ? {} : { rationale }),
    }),
  );
}
