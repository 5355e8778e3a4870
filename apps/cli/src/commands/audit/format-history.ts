/**
 * How `ledgerctl audit` shows history, states and differences to a person: one line
 * per event with who, when (both times), from where and why; a state as indented JSON
 * under a line naming the moment and its time axis; a difference as +, - and ~ lines.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { Moment, PartnershipAsOf, PartnershipDiff, StateChange, StoredCheckpoint } from '@ledger/audit';

export function formatEvent(event: EventEnvelope): string {
  const why = [`correlation ${event.correlationId}`, ...(event.causationId ? [`caused by ${event.causationId}`] : [])].join(', ');
  return (
    `v${event.streamVersion} #${event.globalPosition} ${event.type} by ${event.actor} from ${event.sourceSystem}` +
    ` | occurred ${event.occurredAt}, recorded ${event.recordedAt} | ${why} | event ${event.eventId}`
  );
}

export function describeMoment(moment: Moment): string {
  if ('version' in moment) return `at stream version ${moment.version}`;
  return moment.time === 'ledger'
    ? `as of ${moment.instant}, ledger time (what the ledger had recorded by then)`
    : `as of ${moment.instant}, business time (what had happened by then, as known now)`;
}

export function formatState(answer: PartnershipAsOf): string {
  return [
    `Partnership ${answer.partnershipId} ${describeMoment(answer.asOf)}: ${answer.eventsApplied} events applied, through stream version ${answer.lastStreamVersion}.`,
    JSON.stringify(answer.state, null, 2),
  ].join('\n');
}

export function formatDiff(diff: PartnershipDiff): string {
  const heading = `Partnership ${diff.partnershipId}, from ${describeMoment(diff.from.asOf)} to ${describeMoment(diff.to.asOf)}:`;
  if (diff.changes.length === 0) return `${heading}\n  nothing changed.`;
  return [heading, ...diff.changes.map(formatChange)].join('\n');
}

export function formatCheckpoint(checkpoint: Omit<StoredCheckpoint, 'rootHash'> & { rootHash: string }): string {
  return `${String(checkpoint.treeSize).padStart(10)}  ${String(checkpoint.lastPosition).padStart(13)}  ${checkpoint.createdAt}  ${checkpoint.rootHash}`;
}

export const CHECKPOINT_HEADING = ' tree size  last position  signed at                 root hash (base64)';

function formatChange(change: StateChange): string {
  const path = change.path.join('.');
  if (change.kind === 'added') return `  + ${path} = ${JSON.stringify(change.after)}`;
  if (change.kind === 'removed') return `  - ${path} (was ${JSON.stringify(change.before)})`;
  return `  ~ ${path}: ${JSON.stringify(change.before)} -> ${JSON.stringify(change.after)}`;
}
