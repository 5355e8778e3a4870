/**
 * A partnership as it stood at a past moment, rebuilt by the same domain code that
 * enforces its rules (`replayPartnership`, after upcasting), and what changed between
 * two moments. A moment is a stream version, or an instant on one of two time axes,
 * and the answer always says which:
 *
 * - ledger time (`recordedAt`): what the ledger knew at that instant. The events are
 *   the stream's prefix recorded by then, so the answer never changes once given.
 * - business time (`occurredAt`): what had happened by that instant, as known now. The
 *   events are those that occurred by then, in stream order; a fact recorded late with
 *   an earlier `occurredAt` (a month's tally entered the next morning) changes the
 *   answer about the past. Asked before that fact was recorded, the two axes agree;
 *   asked after, business time includes it and ledger time, at the same instant, not.
 */
import { partnershipStreamId, upcast, type EventEnvelope, type PartnershipEvent } from '@ledger/contracts';
import { partnershipStateAsJson, replayPartnership, type PartnershipStateJson } from '@ledger/domain';
import type { EventStore } from '@ledger/event-store';
import { AuditError } from '../audit-error';
import { structuralDiff, type StateChange } from './structural-diff';

export type TimeAxis = 'business' | 'ledger';

export type Moment = { time: TimeAxis; instant: string } | { version: number };

export interface PartnershipAsOf {
  partnershipId: string;
  streamId: string;
  /** The moment asked for, naming its time axis. */
  asOf: Moment;
  /** How many of the stream's events the state reflects, and the last stream version among them (0: none). */
  eventsApplied: number;
  lastStreamVersion: number;
  /** The state as plain JSON, the form an auditor reads and compares. */
  state: PartnershipStateJson;
}

export interface PartnershipDiff {
  partnershipId: string;
  from: Omit<PartnershipAsOf, 'state' | 'partnershipId' | 'streamId'>;
  to: Omit<PartnershipAsOf, 'state' | 'partnershipId' | 'streamId'>;
  changes: StateChange[];
}

export class PartnershipTimeline {
  constructor(private readonly eventStore: EventStore) {}

  async stateAsOf(partnershipId: string, moment: Moment): Promise<PartnershipAsOf> {
    return stateAt(partnershipId, moment, await this.historyOf(partnershipId, moment));
  }

  async diff(partnershipId: string, from: Moment, to: Moment): Promise<PartnershipDiff> {
    const history = await this.historyOf(partnershipId);
    const [before, after] = [stateAt(partnershipId, from, history), stateAt(partnershipId, to, history)];
    const summary = ({ asOf, eventsApplied, lastStreamVersion }: PartnershipAsOf) => ({ asOf, eventsApplied, lastStreamVersion });
    return { partnershipId, from: summary(before), to: summary(after), changes: structuralDiff(before.state, after.state) };
  }

  /** The stream's events (up to the version asked for, if one is); a partnership never recorded is not found. */
  private async historyOf(partnershipId: string, moment?: Moment): Promise<EventEnvelope[]> {
    const toVersion = moment && 'version' in moment ? moment.version : undefined;
    const events = await this.eventStore.readStream(partnershipStreamId(partnershipId), { toVersion });
    if (events.length === 0 && (await this.eventStore.streamVersion(partnershipStreamId(partnershipId))) === 0) {
      throw new AuditError('not-found', 'audit.partnership-not-found', `No partnership "${partnershipId}" is recorded in the ledger.`, 'partnershipId');
    }
    return events;
  }
}

/** The events that make up the state at `moment`, from the stream's history in version order. */
export function eventsAsOf(history: readonly EventEnvelope[], moment: Moment): EventEnvelope[] {
  if ('version' in moment) return history.filter((event) => event.streamVersion <= moment.version);
  const instant = Date.parse(moment.instant);
  if (moment.time === 'business') return history.filter((event) => Date.parse(event.occurredAt) <= instant);
  const firstLater = history.findIndex((event) => Date.parse(event.recordedAt) > instant);
  return firstLater < 0 ? [...history] : history.slice(0, firstLater);
}

function stateAt(partnershipId: string, moment: Moment, history: readonly EventEnvelope[]): PartnershipAsOf {
  const events = eventsAsOf(history, moment);
  const state = partnershipStateAsJson(replayPartnership(events.map(upcast).map(({ type, data }) => ({ type, data }) as PartnershipEvent)));
  return {
    partnershipId,
    streamId: partnershipStreamId(partnershipId),
    asOf: moment,
    eventsApplied: events.length,
    lastStreamVersion: events.reduce((last, event) => Math.max(last, event.streamVersion), 0),
    state,
  };
}
