/**
 * How `ledgerctl audit` words its verdicts: one headline a person can act on, then
 * the place of the problem (event, stream, version, position; or checkpoint and the
 * leaves changed), then the verifier's own explanation.
 */
import type { LedgerVerificationResult, VerificationProblem } from '@ledger/audit';
import type { ExportVerification, LeafRange } from '@ledger/integrity';

export function formatLedgerVerdict(result: LedgerVerificationResult): string {
  const pace = `${result.eventsVerified} events, ${(result.elapsedMs / 1000).toFixed(1)} s, ${result.eventsPerSecond} events/s`;
  switch (result.status) {
    case 'intact':
      return [
        `Ledger ${result.origin} is intact (${pace}).`,
        `  hash chains: ${result.eventsVerified} events in ${result.streams} streams, every link checked`,
        `  checkpoints: ${result.checkpointsVerified} signed, proving the first ${result.sealedEvents} events; ` +
          `${result.unsealedEvents} newer events await the next seal`,
        ...(result.resumedFromTreeSize === null ? [] : [`  resumed after the ${result.resumedFromTreeSize} events verified before`]),
      ].join('\n');
    case 'broken':
      return [
        `Ledger ${result.origin} is NOT intact. First problem found (${pace}):`,
        ...describeProblem(result.problem),
        ...(result.checkpointProblem ? ['Also failing:', ...describeProblem(result.checkpointProblem)] : []),
      ].join('\n');
    case 'interrupted':
      return `Verification of ${result.origin} interrupted after ${result.eventsVerified} of ${result.eventsInLog} events; ` +
        `the first ${result.resumePoint.treeSize} are proven and saved to resume from.`;
  }
}

export function describeProblem(problem: VerificationProblem): string[] {
  if (problem.source === 'chain') {
    return [
      `  ${problem.kind}: event ${problem.eventId}, stream ${problem.streamId}, version ${problem.streamVersion}, ` +
        `global position ${problem.globalPosition} (leaf ${problem.leafIndex})`,
      `  ${problem.detail}`,
    ];
  }
  return [
    `  ${problem.kind}: checkpoint ${problem.checkpoint.index} (tree size ${problem.checkpoint.treeSize})` +
      (problem.changedRange ? `, changed: ${describeLeafRange(problem.changedRange)}` : '') +
      (problem.code ? ` [${problem.code}]` : ''),
    `  ${problem.detail}`,
  ];
}

export function formatExportVerdict(directory: string, verdict: ExportVerification, pinned: boolean): string {
  if (verdict.status === 'intact') {
    return [
      `Export ${directory} is intact: ${verdict.events} events in ${verdict.streams} streams, ` +
        `${verdict.sealedEvents} of them proven by ${verdict.checkpoints} signed checkpoints.`,
      ...(pinned ? [] : ['  Checked against the key the bundle carries: that proves it consistent, not who sealed it. Pin the key with --verifier-key.']),
    ].join('\n');
  }
  const place = verdict.chainBreak
    ? `  event ${verdict.chainBreak.eventId}, stream ${verdict.chainBreak.streamId}, version ${verdict.chainBreak.streamVersion}, global position ${verdict.chainBreak.globalPosition}`
    : verdict.checkpointProblem?.changedRange
      ? `  changed: ${describeLeafRange(verdict.checkpointProblem.changedRange)}`
      : verdict.line !== undefined
        ? `  line ${verdict.line} of the export`
        : null;
  return [`Export ${directory} is NOT intact: ${verdict.kind}.`, ...(place ? [place] : []), `  ${verdict.detail}`].join('\n');
}

function describeLeafRange(range: LeafRange): string {
  const after = range.afterPosition === null ? 'from the start of the log' : `after the event at global position ${range.afterPosition}`;
  const positions = range.throughPosition === null ? '' : ` (in log order, ${after} through the one at ${range.throughPosition})`;
  return `leaves ${range.afterTreeSize + 1} to ${range.throughTreeSize}${positions}`;
}
