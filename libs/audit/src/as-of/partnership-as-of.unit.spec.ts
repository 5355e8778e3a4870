import { LedgerHistoryBuilder } from '../../../projections/src/testing';
import { eventsAsOf } from './partnership-as-of';

describe('eventsAsOf', () => {
  const history = new LedgerHistoryBuilder();
  const stream = history.partnership('p');
  const first = stream.record('2025-01-01T09:00:00Z', { type: 'PartnershipSuspended', data: { reason: 'a' } });
  // Happened on 31 January, recorded on 1 February: a late fact.
  const late = stream.record('2025-01-31T20:00:00Z', { type: 'PartnershipResumed', data: { reason: 'b' } }, { recordedAt: '2025-02-01T06:00:00Z' });
  const next = stream.record('2025-02-01T08:00:00Z', { type: 'PartnershipSuspended', data: { reason: 'c' } });
  const events = history.events;

  it('takes, on ledger time, the events recorded by the instant: a prefix of the stream', () => {
    expect(eventsAsOf(events, { time: 'ledger', instant: '2025-02-01T03:00:00Z' })).toEqual([first]);
    expect(eventsAsOf(events, { time: 'ledger', instant: '2025-02-01T07:00:00Z' })).toEqual([first, late]);
  });

  it('takes, on business time, the events that occurred by the instant, late ones included', () => {
    expect(eventsAsOf(events, { time: 'business', instant: '2025-02-01T03:00:00Z' })).toEqual([first, late]);
  });

  it('takes, at a version, that many events of the stream', () => {
    expect(eventsAsOf(events, { version: 2 })).toEqual([first, late]);
    expect(eventsAsOf(events, { version: 9 })).toEqual([first, late, next]);
  });
});
