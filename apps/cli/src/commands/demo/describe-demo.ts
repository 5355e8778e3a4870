/**
 * `ledgerctl demo describe`: what the demo dataset holds, in words (for the README and
 * for whoever explores the views) and in numbers (counted from the dataset itself, so
 * they cannot drift from what `demo load` sends).
 */
import type { DemoDataset, DemoPartnership } from '../../demo/demo-dataset';

const STORIES: Readonly<Record<string, readonly string[]>> = {
  'mkt-sales': [
    'Scope (priorities, focus areas, evaluation process, reporting, output measures, data management,',
    '  responsibilities, meeting cadence) defined and signed by Marketing and Sales in week 1: active.',
    'Vocabulary: inquiry, mql, sal, sql, opportunity; the MQL definition is tightened in week 6 (score 60 -> 70),',
    '  so MQL readings carry version 1 before and version 2 after.',
    'Contributions: Sales 2 SDRs (delivered on time), Marketing nurture program (delivered late),',
    '  Marketing intent data access (overdue: due in week 9, never delivered), Sales CRM lead-feedback',
    '  process (withdrawn with a reason).',
    'Metrics: MQL volume (leading, weekly, Marketing; target cut from 110 to 90 after the MQL revision),',
    '  MQL-to-SQL conversion (leading), pipeline created, revenue (EUR) and win rate (lagging), all monthly',
    '  and owned by Sales; cost per MQL (monthly, Marketing, lower is better; no target yet for the current',
    '  month). A reading every closed period, some off target; week 3 of MQLs corrected after a CRM dedup.',
    'RACI: lead-scoring-model (A Marketing, C Sales), territory-assignment (A Sales, I Marketing),',
    '  campaign-budget (A Marketing, C Sales, I Finance); six decisions, each by the accountable team.',
    'Assets: marketing automation platform (tool), CRM lead data (data; usage amended in week 11), MQL scoring process.',
    'SLAs: Sales contacts every MQL within 1 hour (target 90% weekly; about 25 first contacts a week from',
    '  the CRM, a few late, and a bad week 9 while the SDRs were at the sales kickoff); Marketing delivers',
    '  at least 400 MQLs per month (one observation per full month).',
  ],
  'mkt-it': [
    'A customer data platform project. Scope signed in week 1; amended in week 7 (the martech budget moves',
    '  from IT to Marketing) and signed again by both: agreement version 2 in force.',
    'RACI for the ten steps of a technology project: problem-definition, desired-outcomes, requirements,',
    '  technology-options, vendor-selection, build-and-integration, project-management, testing, launch,',
    '  maintenance; and marketing-technology-investments: IT accountable until the amendment, then',
    '  Marketing accountable (IT consulted) - the answer to "who is accountable, and since when?".',
    'Decisions: seven, e.g. the vendor choice (Acme CDP) by Marketing, accountable for vendor selection.',
    'Contributions: IT 2 integration engineers (delivered), IT data warehouse access (due after the quarter),',
    '  Marketing licence budget 60,000 EUR (delivered).',
    'Metrics: time to data access (leading, days, lower is better) and project milestones on time',
    '  (lagging, percent), monthly, owned by IT.',
    'SLA: IT resolves marketing-critical incidents within 8 hours (target 95% monthly), with the incidents',
    '  the service desk reported.',
    'Assets: customer data platform licence (tool, Marketing), marketing data mart (data, IT).',
  ],
  'mkt-finance': [
    'Starts before the quarter, so "what did the agreement say on 1 March?" has an answer: anchored on the most',
    '  recent 1 March more than four weeks before --now (the previous year\'s when it is closer or still ahead).',
    'Proposed by Finance six weeks before that 1 March, scope signed by both before it: version 1 in force on',
    '  1 March (reallocations above 25,000 EUR need Finance approval, spend within 5% of budget, quarterly ROMI).',
    '  Amended two weeks after 1 March and signed again: version 2 (Marketing reallocates up to 75,000 EUR,',
    '  spend within 3% of budget, a monthly ROMI flash); the marketing budget\'s terms of use follow.',
    'Contributions: Finance half a business partner (delivered on time), Finance spend ledger access',
    '  (delivered three weeks late), Marketing campaign cost tagging (delivered early).',
    'Metrics: ROMI (quarterly, lagging, Finance), CAC (monthly, lagging, Finance, lower is better), budget',
    '  variance (monthly, Marketing, lower is better; target 5%, then 3% after the amendment), read every closed period.',
    'RACI: marketing-budget-allocation (A Finance, R Marketing, C Sales), campaign-spend-approval (A Marketing,',
    '  I Finance), marketing-roi-methodology (A Finance, C Marketing); five decisions by entitled teams.',
    'Assets: marketing programme budget (cash, Finance), marketing spend dashboard (tool, Finance).',
    'SLA: Finance closes the monthly marketing spend report within 5 business days (target 90% monthly), one',
    '  observation per region and month; the December reports wait for the year-end close.',
  ],
};

export function describeDemo(dataset: DemoDataset): string {
  const { calendar, now } = dataset;
  const weeks = calendar.periods('weekly');
  return [
    'The demo dataset: one quarter of two partnerships, and a third that began before the 1 March it is asked about,',
    'as internal systems and people would record them.',
    `For --now ${now.toISOString()} the quarter runs from ${calendar.start.toISOString().slice(0, 10)} ` +
      `(ISO weeks ${weeks[0].period} to ${weeks[weeks.length - 1].period}, the last one so far).`,
    'Nothing lies after --now; the same --now always gives the same submissions, and `demo load` sends',
    'each with the idempotency key demo/<partnership>/<n>, so loading twice records it once.',
    '',
    ...dataset.partnerships.flatMap(describePartnership),
  ].join('\n');
}

function describePartnership(partnership: DemoPartnership): string[] {
  const counts = new Map<string, number>();
  for (const { type } of partnership.submissions) counts.set(type, (counts.get(type) ?? 0) + 1);
  const perType = [...counts].map(([type, count]) => `${type} ${count}`).join(', ');
  return [
    `${partnership.partnershipId}: ${partnership.name} (${partnership.submissions.length} submissions)`,
    ...(STORIES[partnership.partnershipId] ?? []).map((line) => (line.startsWith('  ') ? `    ${line}` : `  - ${line}`)),
    `  Submissions per command: ${perType}.`,
    '',
  ];
}
