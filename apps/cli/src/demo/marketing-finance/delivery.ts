/**
 * Marketing-Finance, what each partner brings: half a finance business partner
 * (delivered on time), access to the spend ledger (delivered three weeks late, after
 * the data security review) and Marketing's campaign cost tagging (delivered early);
 * the marketing budget (cash, whose reallocation terms follow the amendment) and the
 * spend dashboard (tool) as shared assets.
 */
import type { UsageParameter } from '@ledger/contracts';
import type { PartnershipScript } from '../partnership-script';
import { AMENDMENT_IN_FORCE_DAY } from './agreement';
import type { MarketingFinanceTimeline } from './timeline';

const MARKETING_BUDGET = 'marketing-budget';

export function recordMarketingFinanceDelivery(script: PartnershipScript, timeline: MarketingFinanceTimeline): void {
  recordContributions(script, timeline);
  recordAssets(script, timeline);
}

function recordContributions(script: PartnershipScript, { at, date }: MarketingFinanceTimeline): void {
  const commitAt = at(-30, '14:00');
  script.record(commitAt, 'CommitContribution', {
    contributionId: 'finance-business-partner', teamId: 'finance', kind: 'people', quantity: 0.5, unit: 'FTE', dueDate: date(-21),
    description: 'Half of a finance business partner for Marketing: budget tracking, reallocation requests, the monthly finance review.',
  });
  script.record(commitAt, 'CommitContribution', {
    contributionId: 'finance-spend-ledger-access', teamId: 'finance', kind: 'data-access', dueDate: date(-14),
    description: 'Read access for marketing operations to the spend ledger in the finance data warehouse.',
  });
  script.record(commitAt, 'CommitContribution', {
    contributionId: 'marketing-campaign-cost-tagging', teamId: 'marketing', kind: 'process', dueDate: date(-7),
    description: 'Every campaign cost tagged with its campaign code at purchase order, so spend traces back to campaigns.',
  });
  script.record(at(-26, '10:00'), 'DeliverContribution', {
    contributionId: 'finance-business-partner',
    evidence: [{ description: 'Lena Fischer works for Marketing two and a half days a week.', uri: 'https://wiki.example.com/finance/business-partners' }],
  });
  script.record(at(-9, '16:00'), 'DeliverContribution', {
    contributionId: 'marketing-campaign-cost-tagging',
    evidence: [{ description: 'Campaign code mandatory on purchase orders in the procurement system since the 1st of the month.' }],
  });
  script.record(at(6, '11:00'), 'DeliverContribution', {
    contributionId: 'finance-spend-ledger-access',
    evidence: [{ description: 'Access granted to the marketing operations group after the data security review, three weeks late.' }],
  });
}

/** The budget's terms of use under each agreement version: only the reallocation rule changes. */
function marketingBudgetUsage(reallocationThresholdEur: string): UsageParameter[] {
  return [
    { name: 'amount', value: '4,800,000 EUR for the year, released by quarter' },
    { name: 'reallocation', value: `Between campaigns: up to ${reallocationThresholdEur} EUR by Marketing, above that with Finance approval` },
    { name: 'commitments', value: 'Purchase orders only, each with a campaign code' },
  ];
}

function recordAssets(script: PartnershipScript, { at }: MarketingFinanceTimeline): void {
  script.record(at(-29, '10:00'), 'RegisterAsset', {
    assetId: MARKETING_BUDGET, name: 'Marketing programme budget', kind: 'cash', ownerTeamId: 'finance',
    steward: 'Lena Fischer, finance business partner for Marketing',
    usage: marketingBudgetUsage('25,000'),
    description: 'The marketing programme budget the board approved for the year.',
  });
  script.record(at(-29, '10:15'), 'RegisterAsset', {
    assetId: 'marketing-spend-dashboard', name: 'Marketing spend dashboard', kind: 'tool', ownerTeamId: 'finance',
    steward: 'Finance business intelligence team',
    usage: [
      { name: 'access', value: 'Read for Marketing and Finance; maintained by Finance BI' },
      { name: 'refresh', value: 'Daily at 06:00 UTC from the finance data warehouse' },
      { name: 'finality', value: 'Figures of a month are final once its spend report is closed' },
    ],
    description: 'Spend against budget per campaign and channel, CAC and ROMI, seen the same way by both teams.',
  });
  script.record(at(AMENDMENT_IN_FORCE_DAY + 1, '09:00'), 'AmendAssetUsage', {
    assetId: MARKETING_BUDGET,
    usage: marketingBudgetUsage('75,000'),
    reason: 'Agreement version 2 raised the reallocation threshold from 25,000 to 75,000 EUR.',
  });
}
