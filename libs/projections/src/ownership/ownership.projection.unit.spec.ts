import type { EventEnvelope } from '@ledger/contracts';
import { insertIfAbsent, update, upsert } from '../row-changes/row-change';
import { LedgerHistoryBuilder } from '../testing/ledger-history-builder';
import { projectOwnership } from './ownership.projection';

const stampOf = (event: EventEnvelope) => ({
  last_position: event.globalPosition,
  occurred_at: event.occurredAt,
  recorded_at: event.recordedAt,
});

describe('the ownership projection', () => {
  const history = new LedgerHistoryBuilder(100);
  const mktSales = history.partnership('mkt-sales');

  it('writes a proposed partnership and one row per partner', () => {
    const proposed = mktSales.record('2025-01-02T09:00:00Z', {
      type: 'PartnershipProposed',
      data: {
        partnershipId: 'mkt-sales',
        name: 'Marketing and Sales',
        partners: [
          { teamId: 'marketing', displayName: 'Marketing' },
          { teamId: 'sales', displayName: 'Sales' },
        ],
        proposedBy: 'marketing',
      },
    });
    const stamp = stampOf(proposed);
    expect(projectOwnership(proposed)).toEqual([
      upsert(
        'partnerships',
        { partnership_id: 'mkt-sales' },
        {
          name: 'Marketing and Sales',
          purpose: null,
          proposed_by: 'marketing',
          proposed_at: '2025-01-02T09:00:00.000Z',
          lifecycle_status: 'proposed',
          lifecycle_changed_at: '2025-01-02T09:00:00.000Z',
          lifecycle_reason: null,
          ...stamp,
        },
      ),
      upsert('partners', { partnership_id: 'mkt-sales', team_id: 'marketing' }, {
        display_name: 'Marketing',
        joined_at: '2025-01-02T09:00:00.000Z',
        ...stamp,
      }),
      upsert('partners', { partnership_id: 'mkt-sales', team_id: 'sales' }, {
        display_name: 'Sales',
        joined_at: '2025-01-02T09:00:00.000Z',
        ...stamp,
      }),
    ]);
  });

  it('records a delivery on the contribution it fulfils, stamped with the delivery event', () => {
    const delivered = mktSales.record('2025-01-28T15:00:00Z', {
      type: 'ContributionDelivered',
      data: { contributionId: 'c-1', teamId: 'marketing', evidence: [{ description: 'Runbook', uri: 'https://x/runbook' }] },
    });
    expect(projectOwnership(delivered)).toEqual([
      update('contributions', { partnership_id: 'mkt-sales', contribution_id: 'c-1' }, {
        delivered_at: '2025-01-28T15:00:00.000Z',
        evidence: [{ description: 'Runbook', uri: 'https://x/runbook' }],
        ...stampOf(delivered),
      }),
    ]);
  });

  it('moves a metric to its new owner and appends the change to the ownership history', () => {
    const transferred = mktSales.record('2025-02-03T10:00:00Z', {
      type: 'MetricOwnershipTransferred',
      data: { metricId: 'time-to-first-contact', fromTeamId: 'marketing', toTeamId: 'sales', reason: 'Sales runs the SDRs' },
    });
    const { last_position, occurred_at, recorded_at } = stampOf(transferred);
    expect(projectOwnership(transferred)).toEqual([
      update('metrics', { partnership_id: 'mkt-sales', metric_id: 'time-to-first-contact' }, {
        owner_team_id: 'sales',
        owner_since: occurred_at,
        last_position,
        occurred_at,
        recorded_at,
      }),
      insertIfAbsent(
        'metric_ownership_changes',
        { partnership_id: 'mkt-sales', metric_id: 'time-to-first-contact', last_position },
        { from_team_id: 'marketing', to_team_id: 'sales', reason: 'Sales runs the SDRs', occurred_at, recorded_at },
      ),
    ]);
  });

  it('places a target on the calendar span of its period', () => {
    const monthly = mktSales.record('2025-01-05T10:00:00Z', {
      type: 'MetricTargetSet',
      data: { metricId: 'mql-volume', period: '2025-02', target: 420 },
    });
    const weekly = mktSales.record('2025-01-05T10:00:00Z', {
      type: 'MetricTargetSet',
      data: { metricId: 'mql-volume', period: '2025-W01', target: 100 },
    });
    expect(projectOwnership(monthly)[0].values).toMatchObject({ period_start: '2025-02-01', period_end: '2025-03-01', target: 420 });
    expect(projectOwnership(weekly)[0].values).toMatchObject({ period_start: '2024-12-30', period_end: '2025-01-06' });
  });

  it('keeps a revoked decision right as a row no longer held, and appends the revocation', () => {
    const revoked = mktSales.record('2025-03-01T10:00:00Z', {
      type: 'DecisionRightRevoked',
      data: { decisionArea: 'campaign-budget', teamId: 'finance', role: 'consulted', reason: 'No longer needed' },
    });
    const [rightChange, historyChange] = projectOwnership(revoked);
    expect(rightChange).toEqual(
      update(
        'decision_rights',
        { partnership_id: 'mkt-sales', decision_area: 'campaign-budget', team_id: 'finance', role: 'consulted' },
        { held: false, revoked_at: revoked.occurredAt, revocation_reason: 'No longer needed', ...stampOf(revoked) },
      ),
    );
    expect(historyChange).toMatchObject({ kind: 'insertIfAbsent', table: 'decision_right_changes', values: { change: 'revoked' } });
  });

  it('makes an activated agreement version the one in force', () => {
    const activated = mktSales.record('2025-01-06T12:00:00Z', { type: 'AgreementActivated', data: { agreementVersion: 1 } });
    expect(projectOwnership(activated).map((change) => [change.kind, change.table, change.values])).toEqual([
      ['update', 'partnerships', expect.objectContaining({ agreement_version_in_force: 1, agreement_in_force_since: activated.occurredAt })],
      ['update', 'agreement_versions', expect.objectContaining({ activated_at: activated.occurredAt })],
    ]);
  });

  it('leaves readings, SLAs, decisions and vocabulary to the reporting projection', () => {
    const events = [
      mktSales.record('2025-01-31T10:00:00Z', { type: 'ReadingRecorded', data: { readingId: 'r', metricId: 'm', period: '2025-01', value: 1 } }),
      mktSales.record('2025-01-31T10:00:00Z', {
        type: 'SlaObservationRecorded',
        data: { observationId: 'o', slaId: 's', value: 0.5, met: true },
      }),
      mktSales.record('2025-01-31T10:00:00Z', {
        type: 'DecisionRecorded',
        data: { decisionId: 'd', decisionArea: 'a', decidedBy: 'sales', authority: 'responsible', title: 't' },
      }),
      mktSales.record('2025-01-31T10:00:00Z', { type: 'VocabularyTermDefined', data: { term: 'mql', version: 1, definition: 'd' } }),
    ];
    expect(events.flatMap(projectOwnership)).toEqual([]);
  });
});

describe('events the ownership projection cannot read', () => {
  const history = new LedgerHistoryBuilder();
  const proposed = history.record('mkt-it', '2025-01-02T09:00:00Z', {
    type: 'PartnershipProposed',
    data: { partnershipId: 'mkt-it', name: 'Marketing and IT', partners: [], proposedBy: 'it' },
  });

  it('stops at an event type it does not know, naming the type', () => {
    expect(() => projectOwnership({ ...proposed, type: 'PartnershipRenamed' } as unknown as EventEnvelope)).toThrow(
      expect.objectContaining({ code: 'projection.unknown-event-type', field: 'type' }),
    );
  });

  it('stops at a schema version newer than it reads', () => {
    expect(() => projectOwnership({ ...proposed, schemaVersion: 2 })).toThrow(
      expect.objectContaining({ code: 'projection.unsupported-schema-version', field: 'schemaVersion' }),
    );
  });

  it('stops at an event from a stream that is not a partnership', () => {
    expect(() => projectOwnership({ ...proposed, streamId: 'checkpoint-1' })).toThrow(
      expect.objectContaining({ code: 'projection.not-a-partnership-stream', field: 'streamId' }),
    );
  });

  it('stops at a target whose period is not a period of any cadence', () => {
    const target = history.record('mkt-it', '2025-01-03T09:00:00Z', {
      type: 'MetricTargetSet',
      data: { metricId: 'm', period: '2025-13', target: 1 },
    });
    expect(() => projectOwnership(target)).toThrow(
      expect.objectContaining({ code: 'projection.invalid-period', field: 'data.period' }),
    );
  });
});
