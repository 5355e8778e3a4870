/**
 * Marketing-Finance, the agreement side: Finance proposes the partnership six weeks
 * before 1 March and both partners sign it before that day, so on 1 March agreement
 * version 1 is in force: budget reallocations above 25,000 EUR need Finance's approval,
 * spend within 5% of budget, ROMI reported quarterly. Two weeks after 1 March the scope
 * is amended and signed again (version 2): Marketing reallocates up to 75,000 EUR on
 * its own, in exchange for spend within 3% of budget and a monthly ROMI flash. Also
 * the RACI of three decision areas and the decisions taken under it.
 */
import type { PartnershipScope } from '@ledger/contracts';
import type { PartnershipScript } from '../partnership-script';
import type { MarketingFinanceTimeline } from './timeline';

export const MKT_FINANCE = 'mkt-finance';
/** Days after 1 March: the amendment, and the last signature that puts it in force. */
export const AMENDMENT_DAY = 14;
export const AMENDMENT_IN_FORCE_DAY = 17;

const CFO = 'Amara Okafor, CFO';
const VP_MARKETING = 'Maya Lindqvist, VP Marketing';
const BUDGET_ALLOCATION = 'marketing-budget-allocation';
const CAMPAIGN_SPEND = 'campaign-spend-approval';
const ROI_METHOD = 'marketing-roi-methodology';

const SCOPE_V1: PartnershipScope = {
  priorities: [
    'Prove the return of every marketing euro in revenue and margin',
    'Move budget to what works within weeks, not at the next budget round',
    'One set of spend numbers for Marketing and Finance',
  ],
  programFocusAreas: ['Marketing ROI reporting', 'Budget reallocation process', 'Campaign cost tagging', 'Customer acquisition cost by channel'],
  evaluationProcess:
    'Joint evaluation in the monthly finance review: spend against budget, CAC and the reallocation requests of the month; ' +
    'ROMI reviewed each quarter by the CFO and the VP Marketing.',
  reportingRequirements: [
    'Monthly marketing spend report per region, closed by Finance within 5 business days',
    'Monthly budget variance and CAC',
    'Quarterly ROMI report',
  ],
  outputMeasures: ['Marketing-sourced revenue', 'Customer acquisition cost (CAC)', 'Return on marketing investment (ROMI)', 'Budget variance'],
  dataManagement:
    'The finance data warehouse is the system of record for marketing spend; every campaign cost carries a campaign tag; ' +
    'marketing-sourced revenue comes from the CRM through the warehouse.',
  responsibilities: [
    {
      teamId: 'marketing',
      duties: [
        'Tag every campaign cost with its campaign code at purchase order',
        'Request every budget reallocation above 25,000 EUR between campaigns from Finance, with its expected return',
        'Keep monthly spend within 5% of budget',
      ],
    },
    {
      teamId: 'finance',
      duties: [
        'Close the monthly marketing spend report within 5 business days',
        'Answer reallocation requests within 3 business days',
        'Compute CAC and ROMI with the agreed method',
      ],
    },
  ],
  meetingCadence: 'Monthly finance review; quarterly ROMI review with the CFO and the VP Marketing.',
};

const SCOPE_V2: PartnershipScope = {
  ...SCOPE_V1,
  evaluationProcess:
    'Joint evaluation in the monthly finance review: spend against budget, CAC, the ROMI flash and the reallocations of the month; ' +
    'ROMI reviewed each quarter by the CFO and the VP Marketing.',
  reportingRequirements: [...SCOPE_V1.reportingRequirements.slice(0, 2), 'Monthly ROMI flash', 'Quarterly ROMI report'],
  responsibilities: [
    {
      teamId: 'marketing',
      duties: [
        'Tag every campaign cost with its campaign code at purchase order',
        'Reallocate up to 75,000 EUR between campaigns on its own and report it in the monthly finance review; request larger reallocations from Finance',
        'Keep monthly spend within 3% of budget',
      ],
    },
    { teamId: 'finance', duties: [...SCOPE_V1.responsibilities[1].duties, 'Publish a monthly ROMI flash from the finance data warehouse'] },
  ],
};

export function recordMarketingFinanceAgreement(script: PartnershipScript, timeline: MarketingFinanceTimeline): void {
  const { at } = timeline;
  script.record(at(-42, '09:00'), 'ProposePartnership', {
    partnershipId: MKT_FINANCE,
    name: 'Marketing-Finance return on investment partnership',
    purpose: 'Show what marketing spend returns, and move budget to what works, on numbers both teams trust.',
    partners: [
      { teamId: 'finance', displayName: 'Finance' },
      { teamId: 'marketing', displayName: 'Marketing' },
    ],
    proposedBy: 'finance',
  });
  script.record(at(-40, '10:00'), 'DefineScope', { scope: SCOPE_V1 });
  script.record(at(-33, '16:00'), 'SignAgreement', { agreementVersion: 1, teamId: 'finance', signatory: CFO });
  script.record(at(-31, '11:00'), 'SignAgreement', { agreementVersion: 1, teamId: 'marketing', signatory: VP_MARKETING });
  script.record(at(AMENDMENT_DAY, '10:00'), 'AmendScope', {
    scope: SCOPE_V2,
    reason:
      'Reallocation requests took two weeks to approve, longer than the campaigns they were meant to fix; Finance raises ' +
      'the threshold to 75,000 EUR in exchange for spend within 3% of budget and a monthly ROMI flash.',
  });
  script.record(at(AMENDMENT_DAY + 1, '09:30'), 'SignAgreement', { agreementVersion: 2, teamId: 'marketing', signatory: VP_MARKETING });
  script.record(at(AMENDMENT_IN_FORCE_DAY, '15:00'), 'SignAgreement', { agreementVersion: 2, teamId: 'finance', signatory: CFO });
  recordDecisionRights(script, timeline);
  recordDecisions(script, timeline);
}

/** Sales is no partner here, but is consulted on where the budget goes: C and I may be any team. */
function recordDecisionRights(script: PartnershipScript, { at }: MarketingFinanceTimeline): void {
  const assignAt = at(-30, '10:00');
  script.record(assignAt, 'AssignDecisionRights', {
    decisionArea: BUDGET_ALLOCATION,
    assignments: [{ teamId: 'finance', role: 'accountable' }, { teamId: 'marketing', role: 'responsible' }, { teamId: 'sales', role: 'consulted' }],
  });
  script.record(assignAt, 'AssignDecisionRights', {
    decisionArea: CAMPAIGN_SPEND,
    assignments: [{ teamId: 'marketing', role: 'accountable' }, { teamId: 'finance', role: 'informed' }],
  });
  script.record(assignAt, 'AssignDecisionRights', {
    decisionArea: ROI_METHOD,
    assignments: [{ teamId: 'finance', role: 'accountable' }, { teamId: 'marketing', role: 'consulted' }],
  });
}

function recordDecisions(script: PartnershipScript, { at }: MarketingFinanceTimeline): void {
  const decisions = [
    [-24, ROI_METHOD, 'finance', 'Measure ROMI as marketing-sourced gross margin over marketing spend, six-month lookback', 'Margin, not revenue, so discounts cannot inflate the return.'],
    [-17, BUDGET_ALLOCATION, 'finance', 'Move 40,000 EUR from trade shows to paid search this quarter', 'Above the 25,000 EUR threshold; paid search acquires customers a third cheaper.'],
    [-10, CAMPAIGN_SPEND, 'marketing', 'Approve 120,000 EUR for the spring product launch campaign', 'Within the approved quarterly budget.'],
    [21, BUDGET_ALLOCATION, 'marketing', 'Move 60,000 EUR from print advertising to webinars', 'Below the 75,000 EUR threshold of agreement version 2; reported in the monthly finance review.'],
    [25, CAMPAIGN_SPEND, 'marketing', 'Approve 45,000 EUR for the partner co-marketing program', 'Funded by the print budget moved to webinars.'],
  ] as const;
  decisions.forEach(([day, decisionArea, decidedBy, title, rationale], index) =>
    script.record(at(day, '15:00'), 'RecordDecision', { decisionId: `mf-decision-${index + 1}`, decisionArea, decidedBy, title, rationale }),
  );
}
