import type { EventEnvelope } from '@ledger/contracts';
import { describeMoment, formatDiff, formatEvent } from './format-history';

describe('how history reads on a terminal', () => {
  it('puts who, both times, the source and why of an event on one line', () => {
    const event = {
      eventId: 'e-1',
      type: 'DecisionRecorded',
      streamVersion: 4,
      globalPosition: 17,
      actor: 'svc-crm',
      sourceSystem: 'crm',
      occurredAt: '2025-01-02T09:00:00.000Z',
      recordedAt: '2025-01-02T09:00:01.000Z',
      correlationId: 'c-9',
      causationId: 'cmd-3',
    } as EventEnvelope;

    expect(formatEvent(event)).toBe(
      'v4 #17 DecisionRecorded by svc-crm from crm | occurred 2025-01-02T09:00:00.000Z, recorded 2025-01-02T09:00:01.000Z | ' +
        'correlation c-9, caused by cmd-3 | event e-1',
    );
  });

  it('names the time axis of a moment', () => {
    expect(describeMoment({ time: 'ledger', instant: '2025-02-01T00:00:00.000Z' })).toContain('ledger time (what the ledger had recorded by then)');
    expect(describeMoment({ time: 'business', instant: '2025-02-01T00:00:00.000Z' })).toContain('business time (what had happened by then, as known now)');
    expect(describeMoment({ version: 3 })).toBe('at stream version 3');
  });

  it('shows a difference as added, removed and changed paths', () => {
    const diff = formatDiff({
      partnershipId: 'p',
      from: { asOf: { version: 1 }, eventsApplied: 1, lastStreamVersion: 1 },
      to: { asOf: { version: 2 }, eventsApplied: 2, lastStreamVersion: 2 },
      changes: [
        { kind: 'added', path: ['metrics', 'mql'], after: { ownerTeamId: 'marketing' } },
        { kind: 'removed', path: ['slas', 'contact'], before: true },
        { kind: 'changed', path: ['status'], before: 'proposed', after: 'active' },
      ],
    });

    expect(diff.split('\n').slice(1)).toEqual([
      '  + metrics.mql = {"ownerTeamId":"marketing"}',
      '  - slas.contact (was true)',
      '  ~ status: "proposed" -> "active"',
    ]);
  });
});
