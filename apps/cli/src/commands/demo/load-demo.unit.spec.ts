/** How `demo load` talks to the ledger: ordered batches, honest counts, and the first refusal explained. */
import type { CommandSubmission } from '@ledger/contracts';
import type { ProblemDetails } from '@ledger/platform';
import { CliError } from '../../cli-error';
import { buildDemoDataset } from '../../demo/demo-dataset';
import type { BatchItemOutcome } from '../../ledger-client/ledger-client';
import { DEMO_BATCH_SIZE, formatLoadReport, loadDemo } from './load-demo';

const dataset = buildDemoDataset(new Date('2026-05-14T15:20:00Z'));

/** A ledger that already holds the submissions with the given keys and refuses the one named `refused`. */
function fakeLedger(options: { known?: Set<string>; refused?: { key: string; problem: ProblemDetails } } = {}) {
  const batches: CommandSubmission[][] = [];
  const answer = (submission: CommandSubmission, index: number): BatchItemOutcome => {
    const { refused } = options;
    if (refused && submission.idempotencyKey === refused.key) return { status: refused.problem.status, problem: refused.problem };
    const replayed = options.known?.has(submission.idempotencyKey ?? '') ?? false;
    const events = submission.type === 'SignAgreement' ? 2 : 1;
    const result = {
      partnershipId: submission.partnershipId,
      streamId: `partnership-${submission.partnershipId}`,
      streamVersion: index + 1,
      events: Array.from({ length: events }, (_, event) => ({ eventId: `e-${index}-${event}`, type: submission.type, streamVersion: index + 1, globalPosition: index + 1 })),
    };
    return { status: 201, result, replayed };
  };
  return {
    batches,
    baseUrl: 'http://ledger.test',
    submitBatch: async (submissions: CommandSubmission[]) => {
      batches.push(submissions);
      const outcomes = submissions.map(answer);
      const accepted = outcomes.filter((outcome) => 'result' in outcome).length;
      return { accepted, rejected: outcomes.length - accepted, outcomes };
    },
  };
}

const problem: ProblemDetails = {
  type: 'https://alignment-ledger.dev/problems/request.invalid',
  title: 'Bad Request',
  status: 400,
  code: 'request.invalid',
  detail: 'The submission is not valid; nothing was recorded.',
  errors: [{ field: 'occurredAt', rule: 'notInFuture', message: 'occurredAt must not be more than 5 minutes after the ledger\'s time.' }],
};

describe('loading the demo into the ledger', () => {
  it('sends every submission once, in business-time order, in batches the ledger accepts', async () => {
    const ledger = fakeLedger();
    await loadDemo(ledger, dataset);
    expect(ledger.batches.flat()).toEqual(dataset.submissions);
    expect(Math.max(...ledger.batches.map((batch) => batch.length))).toBeLessThanOrEqual(DEMO_BATCH_SIZE);
    expect(ledger.batches.length).toBeGreaterThan(1);
  });

  it('counts per partnership what the ledger recorded, the events it added, and what it already held', async () => {
    const known = new Set(['demo/mkt-it/1', 'demo/mkt-it/2']);
    const report = await loadDemo(fakeLedger({ known }), dataset);
    const [marketingSales, marketingIt, marketingFinance] = dataset.partnerships;
    const signaturesOf = (submissions: CommandSubmission[]) => submissions.filter(({ type }) => type === 'SignAgreement').length;
    expect(report.partnerships).toEqual([
      {
        partnershipId: 'mkt-sales', name: marketingSales.name, submissions: marketingSales.submissions.length,
        recorded: marketingSales.submissions.length, alreadyLoaded: 0,
        eventsRecorded: marketingSales.submissions.length + signaturesOf(marketingSales.submissions),
      },
      {
        partnershipId: 'mkt-it', name: marketingIt.name, submissions: marketingIt.submissions.length,
        recorded: marketingIt.submissions.length - 2, alreadyLoaded: 2,
        eventsRecorded: marketingIt.submissions.length - 2 + signaturesOf(marketingIt.submissions),
      },
      {
        partnershipId: 'mkt-finance', name: marketingFinance.name, submissions: marketingFinance.submissions.length,
        recorded: marketingFinance.submissions.length, alreadyLoaded: 0,
        eventsRecorded: marketingFinance.submissions.length + signaturesOf(marketingFinance.submissions),
      },
    ]);
  });

  it('stops at the first refusal, naming the submission and the ledger\'s code, detail and field', async () => {
    const refusedKey = dataset.submissions[DEMO_BATCH_SIZE + 3].idempotencyKey ?? '';
    const ledger = fakeLedger({ refused: { key: refusedKey, problem } });
    const loading = loadDemo(ledger, dataset);
    await expect(loading).rejects.toBeInstanceOf(CliError);
    await expect(loading).rejects.toThrow(
      `${refusedKey} of partnership ${dataset.submissions[DEMO_BATCH_SIZE + 3].partnershipId}: 400 request.invalid: ` +
        'The submission is not valid; nothing was recorded (field occurredAt: occurredAt must not be more than 5 minutes after the ledger\'s time).',
    );
    expect(ledger.batches).toHaveLength(2);
  });

  it('says the demo was already loaded when the ledger held every submission', async () => {
    const known = new Set(dataset.submissions.map((submission) => submission.idempotencyKey ?? ''));
    const report = await loadDemo(fakeLedger({ known }), dataset);
    const summary = formatLoadReport(dataset, report);
    expect(summary).toContain('The demo was already loaded: nothing new recorded');
    expect(summary).toMatch(/mkt-sales +\d+ submissions: 0 recorded \(0 events\), \d+ already loaded/);
  });
});
