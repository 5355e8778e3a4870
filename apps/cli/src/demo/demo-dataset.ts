/**
 * The demo dataset: a realistic quarter of two partnerships (Marketing-Sales and
 * Marketing-IT), and Marketing-Finance since the January before the 1 March DOMAIN.md
 * asks about, as the ordered list of submissions the ledger receives. Pure: the same
 * `now` gives the same submissions, byte for byte.
 *
 * Every submission carries the correlation id `demo-quarter-ending-<now>`: it ties the
 * demo's events together, and tells a later `demo load` which quarter the ledger
 * already holds, so loading again without `--now` finds everything already recorded.
 */
import type { CommandSubmission } from '@ledger/contracts';
import { DemoCalendar } from './demo-calendar';
import { marketingFinanceHistory, MKT_FINANCE } from './marketing-finance';
import { marketingItQuarter, MKT_IT } from './marketing-it';
import { marketingSalesQuarter, MKT_SALES } from './marketing-sales';

const CORRELATION_PREFIX = 'demo-quarter-ending-';

export const DEMO_PARTNERSHIP_IDS = [MKT_SALES, MKT_IT, MKT_FINANCE] as const;

export interface DemoPartnership {
  partnershipId: string;
  name: string;
  submissions: CommandSubmission[];
}

export interface DemoDataset {
  now: Date;
  calendar: DemoCalendar;
  correlationId: string;
  partnerships: DemoPartnership[];
  /** Every submission of every partnership, in business-time order. */
  submissions: CommandSubmission[];
}

export function buildDemoDataset(now: Date): DemoDataset {
  const calendar = new DemoCalendar(now);
  const correlationId = `${CORRELATION_PREFIX}${now.toISOString()}`;
  const scripts = [marketingSalesQuarter(calendar), marketingItQuarter(calendar), marketingFinanceHistory(calendar)];
  const partnerships = scripts.map((script) => {
    const submissions = script.toSubmissions(correlationId);
    return { partnershipId: script.partnershipId, name: nameOf(submissions), submissions };
  });
  const submissions = partnerships
    .flatMap((partnership) => partnership.submissions)
    .sort((a, b) => Date.parse(a.occurredAt ?? '') - Date.parse(b.occurredAt ?? ''));
  return { now, calendar, correlationId, partnerships, submissions };
}

/** The `now` a demo was built for, read back from the correlation id of one of its events; null for anything else. */
export function demoNowOf(correlationId: string): Date | null {
  if (!correlationId.startsWith(CORRELATION_PREFIX)) return null;
  const now = new Date(correlationId.slice(CORRELATION_PREFIX.length));
  return Number.isNaN(now.getTime()) ? null : now;
}

function nameOf(submissions: CommandSubmission[]): string {
  const proposal = submissions.find((submission) => submission.type === 'ProposePartnership');
  return typeof proposal?.data.name === 'string' ? proposal.data.name : '';
}
