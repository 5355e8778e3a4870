/**
 * Holds the lines of an export to the slice of the log its manifest names (format in
 * export-bundle.ts): the first line is the event at `fromPosition`, no line follows the
 * one at `toPosition`, the file ends with it, and every event was recorded inside the
 * declared ledger times. Positions are cursors here, never bounds: they do not increase
 * along the log (event-leaf.ts), so the slice is the lines between those two events,
 * whatever their numbers. That the lines are the leaves `fromLeafIndex` to
 * `toLeafIndex`, one each, follows from the manifest agreeing with itself
 * (export-manifest.ts) and from the event count.
 */
import type { EventEnvelope } from '@ledger/contracts';
import type { ExportRange } from './export-manifest';

export interface RangeViolation {
  /** The 1-based line at fault; absent when the file holds no line at all. */
  line?: number;
  detail: string;
}

export class ExportRangeCheck {
  private last: { line: number; position: number } | null = null;
  private endLine: number | null = null;

  constructor(private readonly range: ExportRange) {}

  /** Why the event on line `lineNumber` lies outside the range, or null; lines come in file order. */
  check(event: EventEnvelope, lineNumber: number): string | null {
    const { fromPosition, toPosition } = this.range;
    const isFirst = this.last === null;
    this.last = { line: lineNumber, position: event.globalPosition };
    if (fromPosition === undefined) return 'the manifest declares an empty export, yet the file holds events.';
    if (this.endLine !== null) {
      return `it follows line ${this.endLine}, the event at global position ${toPosition} that ends the exported range.`;
    }
    if (isFirst && event.globalPosition !== fromPosition) {
      return `global position ${event.globalPosition} is not ${fromPosition}, the event that starts the exported range.`;
    }
    if (event.globalPosition === toPosition) this.endLine = lineNumber;
    return this.recordedTimeViolation(event);
  }

  /** Once every line is read: whether the file ended with the range's last event. */
  finish(): RangeViolation | null {
    const { toPosition } = this.range;
    if (toPosition === undefined || this.endLine !== null) return null;
    if (this.last === null) {
      return { detail: `The export file holds no event, yet its range ends at the event at global position ${toPosition}.` };
    }
    const { line, position } = this.last;
    return {
      line,
      detail: `Line ${line}: the file ends at global position ${position}, not at ${toPosition}, the event that ends the exported range.`,
    };
  }

  private recordedTimeViolation({ recordedAt }: EventEnvelope): string | null {
    const recorded = Date.parse(recordedAt);
    const { fromRecordedAt, toRecordedAt } = this.range;
    const before = fromRecordedAt !== undefined && !(recorded >= Date.parse(fromRecordedAt));
    const after = toRecordedAt !== undefined && !(recorded <= Date.parse(toRecordedAt));
    return before || after ? `event recorded at ${recordedAt} lies outside the exported time range.` : null;
  }
}
