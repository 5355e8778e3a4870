/**
 * Sends the demo dataset to the ledger with `POST /commands/batch`, in chunks and in
 * order, and counts what the ledger recorded and what it already had (a submission
 * whose idempotency key it knows is answered as a replay, nothing recorded). The first
 * refusal stops the load with the ledger's own explanation.
 */
import { performance } from 'node:perf_hooks';
import type { CommandSubmission } from '@ledger/contracts';
import type { ProblemDetails } from '@ledger/platform';
import { CliError } from '../../cli-error';
import type { DemoDataset } from '../../demo/demo-dataset';
import { describeProblem, type LedgerClient } from '../../ledger-client/ledger-client';

/** Well under the ledger's limit of 1000, so one batch answers in a second or two. */
export const DEMO_BATCH_SIZE = 250;

export interface PartnershipLoad {
  partnershipId: string;
  name: string;
  submissions: number;
  /** Submissions recorded by this load. */
  recorded: number;
  /** Submissions the ledger already held (same idempotency key): nothing recorded for them. */
  alreadyLoaded: number;
  /** Events the recorded submissions added (a signature can add two: signed, then activated). */
  eventsRecorded: number;
}

export interface DemoLoadReport {
  ledgerUrl: string;
  partnerships: PartnershipLoad[];
  elapsedMs: number;
}

export async function loadDemo(client: Pick<LedgerClient, 'baseUrl' | 'submitBatch'>, dataset: DemoDataset): Promise<DemoLoadReport> {
  const started = performance.now();
  const loads = new Map<string, PartnershipLoad>(
    dataset.partnerships.map(({ partnershipId, name, submissions }) => [
      partnershipId,
      { partnershipId, name, submissions: submissions.length, recorded: 0, alreadyLoaded: 0, eventsRecorded: 0 },
    ]),
  );
  for (let first = 0; first < dataset.submissions.length; first += DEMO_BATCH_SIZE) {
    const batch = dataset.submissions.slice(first, first + DEMO_BATCH_SIZE);
    const { outcomes } = await client.submitBatch(batch);
    outcomes.forEach((outcome, index) => {
      const submission = batch[index];
      if ('problem' in outcome) throw refusal(submission, outcome.problem);
      // Every submission of the dataset belongs to one of its partnerships.
      const load = loads.get(submission.partnershipId) as PartnershipLoad;
      if (outcome.replayed) load.alreadyLoaded += 1;
      else {
        load.recorded += 1;
        load.eventsRecorded += outcome.result.events.length;
      }
    });
  }
  return { ledgerUrl: client.baseUrl, partnerships: [...loads.values()], elapsedMs: performance.now() - started };
}

export function formatLoadReport(dataset: DemoDataset, report: DemoLoadReport): string {
  const { calendar, now } = dataset;
  const total = (count: (load: PartnershipLoad) => number) => report.partnerships.reduce((sum, load) => sum + count(load), 0);
  const recorded = total((load) => load.recorded);
  const lines = [
    `Demo quarter ${calendar.start.toISOString().slice(0, 10)} to ${now.toISOString()} (Marketing-Finance from earlier in the year), loaded into ${report.ledgerUrl}:`,
    ...report.partnerships.map(
      (load) =>
        `  ${load.partnershipId.padEnd(10)} ${String(load.submissions).padStart(4)} submissions: ` +
        `${load.recorded} recorded (${load.eventsRecorded} events), ${load.alreadyLoaded} already loaded`,
    ),
    recorded === 0
      ? `The demo was already loaded: nothing new recorded (${(report.elapsedMs / 1000).toFixed(1)} s).`
      : `Recorded ${recorded} submissions (${total((load) => load.eventsRecorded)} events) in ${(report.elapsedMs / 1000).toFixed(1)} s.`,
  ];
  return lines.join('\n');
}

function refusal(submission: CommandSubmission, problem: ProblemDetails): CliError {
  const hint =
    problem.code === 'idempotency.key-reused'
      ? ' The ledger holds different submissions under the demo keys: load the demo into an empty ledger.'
      : ' Submissions sent before it are recorded; fix the cause and run the load again.';
  return new CliError(
    `The ledger refused ${submission.type} ${submission.idempotencyKey} of partnership ${submission.partnershipId}: ` +
      `${describeProblem(problem)}.${hint}`,
  );
}
