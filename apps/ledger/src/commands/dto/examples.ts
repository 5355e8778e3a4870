/**
 * One realistic `data` example per command, from a Marketing-Sales partnership: the
 * tests prove each is accepted, the OpenAPI document shows them, and the demo sends
 * them. Typed against the command catalogue, so an example cannot drift from its command.
 */
import type { PartnershipCommandType } from '@ledger/domain';
import type { CommandData } from '@ledger/domain';

const SCOPE: CommandData<'DefineScope'>['scope'] = {
  priorities: ['Grow qualified pipeline from inbound demand', 'Shorten time from MQL to first contact'],
  programFocusAreas: ['Inbound demand generation', 'Account-based marketing for enterprise'],
  evaluationProcess: 'A joint pipeline review each month; a quarterly business review with both VPs.',
  reportingRequirements: ['Weekly funnel dashboard shared by both teams', 'Monthly revenue attribution report'],
  outputMeasures: ['MQL volume', 'MQL to SQL conversion rate', 'Pipeline created'],
  dataManagement: 'The CRM is the system of record for leads and opportunities; marketing automation syncs every 15 minutes.',
  responsibilities: [
    { teamId: 'marketing', duties: ['Deliver MQLs that meet the agreed definition', 'Run nurture programs'] },
    { teamId: 'sales', duties: ['Contact every MQL within one hour', 'Give feedback on rejected leads within two days'] },
  ],
  meetingCadence: 'Weekly pipeline stand-up, monthly review, quarterly planning.',
};

type CommandExamples = { [T in PartnershipCommandType]: CommandData<T> };

export const COMMAND_EXAMPLES: Readonly<CommandExamples> = {
  ProposePartnership: {
    partnershipId: 'mkt-sales-2026',
    name: 'Marketing and Sales revenue partnership 2026',
    purpose: 'Turn inbound demand into revenue with one funnel, one set of numbers and clear hand-offs.',
    partners: [
      { teamId: 'marketing', displayName: 'Marketing' },
      { teamId: 'sales', displayName: 'Sales' },
    ],
    proposedBy: 'marketing',
  },
  DefineScope: { scope: SCOPE },
  AmendScope: {
    scope: { ...SCOPE, programFocusAreas: [...SCOPE.programFocusAreas, 'Partner portal leads'] },
    reason: 'The partner portal goes live in Q2 and feeds the same funnel.',
  },
  SignAgreement: { agreementVersion: 1, teamId: 'sales', signatory: 'Dana Whitfield, VP Sales' },
  CommitContribution: {
    contributionId: 'sales-sdr-capacity',
    teamId: 'sales',
    kind: 'people',
    description: 'Two sales development representatives dedicated to inbound leads.',
    quantity: 2,
    unit: 'FTE',
    dueDate: '2026-03-31',
  },
  DeliverContribution: {
    contributionId: 'sales-sdr-capacity',
    evidence: [{ description: 'Both SDRs started on 2 March; see the team roster.', uri: 'https://wiki.example.com/sales/sdr-roster' }],
  },
  WithdrawContribution: { contributionId: 'sales-sdr-capacity', reason: 'Hiring freeze until Q3 decided by the board.' },
  DefineMetric: {
    metricId: 'mql-volume',
    name: 'MQL volume',
    definition: 'Number of leads that reached the MQL score threshold in the period, deduplicated by email.',
    ownerTeamId: 'marketing',
    indicator: 'leading',
    unit: 'leads',
    direction: 'higher-is-better',
    cadence: 'monthly',
    vocabularyTerm: 'mql',
  },
  TransferMetricOwnership: { metricId: 'mql-volume', toTeamId: 'sales', reason: 'Sales operations now runs lead scoring.' },
  SetMetricTarget: { metricId: 'mql-volume', period: '2026-03', target: 1200 },
  RetireMetric: { metricId: 'mql-volume', reason: 'Replaced by sql-volume, which Sales and Marketing both trust.' },
  RecordReading: { readingId: 'mql-volume-2026-03-crm', metricId: 'mql-volume', period: '2026-03', value: 1184 },
  CorrectReading: {
    readingId: 'mql-volume-2026-03-crm',
    correctedValue: 1162,
    reason: 'Duplicate leads from a list import were counted twice.',
  },
  AssignDecisionRights: {
    decisionArea: 'marketing-technology-investments',
    assignments: [
      { teamId: 'marketing', role: 'accountable' },
      { teamId: 'sales', role: 'consulted' },
      { teamId: 'finance', role: 'informed' },
    ],
  },
  RevokeDecisionRight: {
    decisionArea: 'marketing-technology-investments',
    teamId: 'finance',
    role: 'informed',
    reason: 'Finance now receives the quarterly investment report instead.',
  },
  RecordDecision: {
    decisionId: 'choose-cdp-vendor',
    decisionArea: 'marketing-technology-investments',
    decidedBy: 'marketing',
    title: 'Choose Acme CDP as the customer data platform',
    rationale: 'Best integration with the CRM and within the approved budget.',
  },
  RegisterAsset: {
    assetId: 'crm-lead-data',
    name: 'CRM lead data',
    kind: 'data',
    ownerTeamId: 'sales',
    steward: 'Sales operations',
    usage: [
      { name: 'access', value: 'Read-only for Marketing' },
      { name: 'retention', value: '24 months after the last activity' },
    ],
    description: 'Leads, contacts and their activity history.',
  },
  AmendAssetUsage: {
    assetId: 'crm-lead-data',
    steward: 'Revenue operations',
    usage: [{ name: 'access', value: 'Read and enrich for Marketing' }],
    reason: 'Marketing enriches leads with intent data before hand-off.',
  },
  DefineSla: {
    slaId: 'mql-first-contact',
    name: 'Sales contacts every MQL within one hour',
    providerTeamId: 'sales',
    beneficiaryTeamId: 'marketing',
    measure: 'Time from MQL to first sales contact',
    unit: 'minutes',
    threshold: { comparator: 'at-most', value: 60 },
    complianceTarget: 0.95,
    compliancePeriod: 'weekly',
  },
  RecordSlaObservation: { observationId: 'lead-8812-first-contact', slaId: 'mql-first-contact', value: 42, subject: 'lead-8812' },
  DefineVocabularyTerm: {
    term: 'mql',
    definition: 'A lead with a score of at least 60 that matches the ideal customer profile and has not been contacted by Sales.',
  },
  ReviseVocabularyTerm: {
    term: 'mql',
    definition: 'A lead with a score of at least 70 that matches the ideal customer profile and has not been contacted by Sales.',
    reason: 'Sales rejected a third of the MQLs last quarter; the threshold goes up.',
  },
  SuspendPartnership: { reason: 'Sales is being reorganised; the agreement pauses until the new teams are in place.' },
  ResumePartnership: { reason: 'The new Sales teams are in place.' },
  TerminatePartnership: { reason: 'Replaced by the 2027 revenue partnership, which adds Finance.' },
};
