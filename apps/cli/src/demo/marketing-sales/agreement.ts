/**
 * Marketing-Sales, the agreement side: the partnership proposed, scoped and signed in
 * the first week; the shared funnel vocabulary (the MQL definition tightened in week 6);
 * each partner's contributions, ending on time, late, never (overdue) and withdrawn;
 * the RACI of three decision areas and the decisions taken under it; the shared assets.
 */
import type { PartnershipScope } from '@ledger/contracts';
import type { DemoCalendar } from '../demo-calendar';
import type { PartnershipScript } from '../partnership-script';

export const MKT_SALES = 'mkt-sales';
/** Week 6: Sales has seen a month of MQLs and the threshold goes up. */
export const MQL_REVISION_DAY = 38;

const SCOPE: PartnershipScope = {
  priorities: ['Grow qualified pipeline from inbound demand', 'Contact every MQL within one hour'],
  programFocusAreas: ['Inbound demand generation', 'Webinar and nurture programs', 'Account-based marketing for enterprise'],
  evaluationProcess: 'Weekly pipeline stand-up on the shared dashboard; a monthly joint review; a quarterly business review with both VPs.',
  reportingRequirements: ['Weekly MQL volume and first-contact SLA', 'Monthly funnel, pipeline and revenue report', 'Monthly cost per MQL'],
  outputMeasures: ['MQL volume', 'MQL-to-SQL conversion rate', 'Pipeline created', 'Revenue', 'Win rate', 'Cost per MQL'],
  dataManagement: 'The CRM is the system of record for leads and opportunities; marketing automation syncs MQLs to it every 15 minutes.',
  responsibilities: [
    { teamId: 'marketing', duties: ['Deliver MQLs that meet the agreed definition', 'Run nurture programs', 'Own lead scoring'] },
    { teamId: 'sales', duties: ['Contact every MQL within one hour', 'Accept or reject each MQL within two days, with a reason'] },
  ],
  meetingCadence: 'Weekly pipeline stand-up, monthly joint review, quarterly planning.',
};

const VOCABULARY = [
  ['inquiry', 'Anyone who raised a hand: filled in a form, downloaded content or asked for contact.'],
  ['mql', 'An inquiry with a lead score of at least 60 that matches the ideal customer profile.'],
  ['sal', 'An MQL that Sales accepted as worth working, within two days of hand-off.'],
  ['sql', 'A SAL that Sales qualified in a first call: budget, authority, need and timing confirmed.'],
  ['opportunity', 'An SQL with a deal in the CRM, an amount and an expected close date.'],
] as const;

export function recordMarketingSalesAgreement(script: PartnershipScript, calendar: DemoCalendar): void {
  const { day } = calendar;
  script.record(day(0, '09:00'), 'ProposePartnership', {
    partnershipId: MKT_SALES,
    name: 'Marketing-Sales revenue partnership',
    purpose: 'Turn inbound demand into revenue with one funnel, one set of numbers and clear hand-offs.',
    partners: [
      { teamId: 'marketing', displayName: 'Marketing' },
      { teamId: 'sales', displayName: 'Sales' },
    ],
    proposedBy: 'marketing',
  });
  script.record(day(0, '11:00'), 'DefineScope', { scope: SCOPE });
  VOCABULARY.forEach(([term, definition], index) =>
    script.record(day(1, `10:${String(index * 5).padStart(2, '0')}`), 'DefineVocabularyTerm', { term, definition }),
  );
  script.record(day(2, '16:00'), 'SignAgreement', { agreementVersion: 1, teamId: 'marketing', signatory: 'Maya Lindqvist, VP Marketing' });
  script.record(day(3, '09:30'), 'SignAgreement', { agreementVersion: 1, teamId: 'sales', signatory: 'Dana Whitfield, VP Sales' });
  script.record(day(MQL_REVISION_DAY, '11:00'), 'ReviseVocabularyTerm', {
    term: 'mql',
    definition: 'An inquiry with a lead score of at least 70, in a buying role, that matches the ideal customer profile.',
    reason: 'Sales rejected a third of the MQLs of the first month as students, job seekers and competitors.',
  });
  recordContributions(script, calendar);
  recordDecisionRights(script, calendar);
  recordAssets(script, calendar);
}

function recordContributions(script: PartnershipScript, calendar: DemoCalendar): void {
  const { day, date } = calendar;
  const commitAt = day(4, '10:00');
  script.record(commitAt, 'CommitContribution', {
    contributionId: 'sales-sdr-capacity', teamId: 'sales', kind: 'people', quantity: 2, unit: 'FTE', dueDate: date(27),
    description: 'Two sales development representatives dedicated to inbound MQLs.',
  });
  script.record(commitAt, 'CommitContribution', {
    contributionId: 'marketing-nurture-program', teamId: 'marketing', kind: 'process', dueDate: date(35),
    description: 'A six-email nurture program for leads not yet sales-ready, with hand-back from Sales.',
  });
  script.record(commitAt, 'CommitContribution', {
    contributionId: 'marketing-intent-data', teamId: 'marketing', kind: 'data-access', dueDate: date(56),
    description: 'Access for Sales to third-party intent data on target accounts, inside the CRM.',
  });
  script.record(commitAt, 'CommitContribution', {
    contributionId: 'sales-crm-lead-feedback', teamId: 'sales', kind: 'process', dueDate: date(49),
    description: 'A CRM process to record why each rejected MQL was rejected, for lead-scoring feedback.',
  });
  script.record(day(24, '15:00'), 'DeliverContribution', {
    contributionId: 'sales-sdr-capacity',
    evidence: [{ description: 'Both SDRs started and work the inbound queue.', uri: 'https://wiki.example.com/sales/sdr-roster' }],
  });
  script.record(day(44, '12:00'), 'DeliverContribution', {
    contributionId: 'marketing-nurture-program',
    evidence: [{ description: 'Nurture program live in marketing automation, nine days after the due date.' }],
  });
  script.record(day(50, '17:00'), 'WithdrawContribution', {
    contributionId: 'sales-crm-lead-feedback',
    reason: 'The CRM migration moved to next year; rejection reasons are collected in the weekly stand-up instead.',
  });
}

function recordDecisionRights(script: PartnershipScript, calendar: DemoCalendar): void {
  const { day } = calendar;
  const assignAt = day(3, '14:00');
  script.record(assignAt, 'AssignDecisionRights', {
    decisionArea: 'lead-scoring-model',
    assignments: [{ teamId: 'marketing', role: 'accountable' }, { teamId: 'sales', role: 'consulted' }],
  });
  script.record(assignAt, 'AssignDecisionRights', {
    decisionArea: 'territory-assignment',
    assignments: [{ teamId: 'sales', role: 'accountable' }, { teamId: 'marketing', role: 'informed' }],
  });
  script.record(assignAt, 'AssignDecisionRights', {
    decisionArea: 'campaign-budget',
    assignments: [
      { teamId: 'marketing', role: 'accountable' },
      { teamId: 'sales', role: 'consulted' },
      { teamId: 'finance', role: 'informed' },
    ],
  });
  const decisions = [
    [10, 'lead-scoring-model', 'marketing', 'Add webinar attendance to the lead score', 'Webinar attendees convert twice as often as content downloads.'],
    [12, 'territory-assignment', 'sales', 'Split EMEA inbound leads into DACH and Nordics queues', 'One SDR per region keeps first contact within the hour.'],
    [17, 'campaign-budget', 'marketing', 'Move 15% of the paid social budget to webinars', 'Webinars produce MQLs at half the cost.'],
    [MQL_REVISION_DAY - 1, 'lead-scoring-model', 'marketing', 'Raise the MQL threshold from 60 to 70 points', 'Sales rejected a third of the MQLs.'],
    [60, 'territory-assignment', 'sales', 'Route enterprise accounts to named account executives', 'Enterprise MQLs waited for the round-robin.'],
    [66, 'campaign-budget', 'marketing', 'Fund the next quarter webinar series', 'Webinars met their cost-per-MQL goal two months running.'],
  ] as const;
  decisions.forEach(([dayIndex, decisionArea, decidedBy, title, rationale], index) =>
    script.record(day(dayIndex, '16:00'), 'RecordDecision', { decisionId: `ms-decision-${index + 1}`, decisionArea, decidedBy, title, rationale }),
  );
}

function recordAssets(script: PartnershipScript, calendar: DemoCalendar): void {
  const { day } = calendar;
  script.record(day(4, '14:00'), 'RegisterAsset', {
    assetId: 'marketing-automation-platform', name: 'Marketing automation platform', kind: 'tool', ownerTeamId: 'marketing',
    steward: 'Priya Raman, marketing operations manager',
    usage: [
      { name: 'access', value: 'Sales reads lead activity and nurture status' },
      { name: 'sync', value: 'MQLs sync to the CRM every 15 minutes' },
      { name: 'api-calls', value: 'At most 50,000 a day, shared by both teams' },
    ],
    description: 'Scores leads, runs nurture programs and hands MQLs to the CRM.',
  });
  script.record(day(4, '14:10'), 'RegisterAsset', {
    assetId: 'crm-lead-data', name: 'CRM lead data', kind: 'data', ownerTeamId: 'sales', steward: 'Sales operations',
    usage: [
      { name: 'access', value: 'Read-only for Marketing' },
      { name: 'retention', value: '24 months after the last activity' },
    ],
    description: 'Leads, contacts, opportunities and their activity history.',
  });
  script.record(day(4, '14:20'), 'RegisterAsset', {
    assetId: 'mql-scoring-process', name: 'MQL scoring process', kind: 'process', ownerTeamId: 'marketing',
    steward: 'Priya Raman, marketing operations manager',
    usage: [{ name: 'change-control', value: 'Threshold changes agreed with Sales in the monthly review' }],
  });
  script.record(day(70, '10:00'), 'AmendAssetUsage', {
    assetId: 'crm-lead-data',
    usage: [
      { name: 'access', value: 'Marketing reads and enriches leads before hand-off' },
      { name: 'retention', value: '24 months after the last activity' },
    ],
    reason: 'Marketing enriches leads with firmographics before they reach the SDRs.',
  });
}

