import { insertIfAbsent, update, upsert } from '../row-changes/row-change';
import { LedgerHistoryBuilder } from '../testing/ledger-history-builder';
import { projectReporting } from './reporting.projection';

describe('the reporting projection', () => {
  const history = new LedgerHistoryBuilder(500);
  const mktSales = history.partnership('mkt-sales');

  it('keeps a recorded reading and its corrected value in force, and both values in the history', () => {
    const recorded = mktSales.record('2025-03-02T08:00:00Z', {
      type: 'ReadingRecorded',
      data: { readingId: 'mql-feb', metricId: 'mql-volume', period: '2025-02', value: 380, vocabularyVersion: 2 },
    });
    const corrected = mktSales.record('2025-03-05T08:00:00Z', {
      type: 'ReadingCorrected',
      data: {
        readingId: 'mql-feb',
        metricId: 'mql-volume',
        period: '2025-02',
        previousValue: 380,
        correctedValue: 395,
        reason: 'Duplicate leads removed twice',
      },
    });
    const key = { partnership_id: 'mkt-sales', reading_id: 'mql-feb' };
    const stamp = (event: typeof recorded) => ({
      last_position: event.globalPosition,
      occurred_at: event.occurredAt,
      recorded_at: event.recordedAt,
    });

    expect([recorded, corrected].flatMap(projectReporting)).toEqual([
      upsert('readings', key, {
        metric_id: 'mql-volume',
        period: '2025-02',
        period_start: '2025-02-01',
        period_end: '2025-03-01',
        value: 380,
        recorded_value: 380,
        vocabulary_version: 2,
        reported_at: recorded.occurredAt,
        reported_position: recorded.globalPosition,
        corrected_at: null,
        correction_reason: null,
        ...stamp(recorded),
      }),
      insertIfAbsent(
        'reading_history',
        { ...key, last_position: recorded.globalPosition },
        {
          metric_id: 'mql-volume',
          period: '2025-02',
          change: 'recorded',
          value: 380,
          previous_value: null,
          reason: null,
          vocabulary_version: 2,
          occurred_at: recorded.occurredAt,
          recorded_at: recorded.recordedAt,
        },
      ),
      update('readings', key, {
        value: 395,
        corrected_at: corrected.occurredAt,
        correction_reason: 'Duplicate leads removed twice',
        ...stamp(corrected),
      }),
      insertIfAbsent(
        'reading_history',
        { ...key, last_position: corrected.globalPosition },
        {
          metric_id: 'mql-volume',
          period: '2025-02',
          change: 'corrected',
          value: 395,
          previous_value: 380,
          reason: 'Duplicate leads removed twice',
          vocabulary_version: null,
          occurred_at: corrected.occurredAt,
          recorded_at: corrected.recordedAt,
        },
      ),
    ]);
  });

  it('records a decision with the authority it claimed, leaving the rights check to the view', () => {
    const decided = mktSales.record('2025-02-10T16:00:00Z', {
      type: 'DecisionRecorded',
      data: {
        decisionId: 'd-2',
        decisionArea: 'campaign-budget',
        decidedBy: 'sales',
        authority: 'responsible',
        title: 'Move 10k to webinars',
      },
    });
    expect(projectReporting(decided)).toEqual([
      upsert('decisions', { partnership_id: 'mkt-sales', decision_id: 'd-2' }, expect.objectContaining({
        decision_area: 'campaign-budget',
        decided_by: 'sales',
        claimed_authority: 'responsible',
        rationale: null,
        decided_at: decided.occurredAt,
        last_position: decided.globalPosition,
      })),
    ]);
  });

  it('stores an SLA observation at its business time, for the view to place in a compliance period', () => {
    const observed = mktSales.record('2025-03-11T14:00:00Z', {
      type: 'SlaObservationRecorded',
      data: { observationId: 'o-1', slaId: 'mql-first-contact', value: 0.5, met: true, subject: 'lead-4711' },
    });
    expect(projectReporting(observed)).toEqual([
      upsert('sla_observations', { partnership_id: 'mkt-sales', observation_id: 'o-1' }, expect.objectContaining({
        sla_id: 'mql-first-contact',
        value: 0.5,
        met: true,
        subject: 'lead-4711',
        observed_at: '2025-03-11T14:00:00.000Z',
      })),
    ]);
  });

  it('adds a revised vocabulary term as a new version valid from its business time', () => {
    const revised = mktSales.record('2025-02-15T09:00:00Z', {
      type: 'VocabularyTermRevised',
      data: { term: 'mql', version: 2, definition: 'Lead score of 60 or more', reason: 'Too many unready leads' },
    });
    expect(projectReporting(revised)).toEqual([
      upsert('vocabulary_versions', { partnership_id: 'mkt-sales', term: 'mql', version: 2 }, expect.objectContaining({
        definition: 'Lead score of 60 or more',
        revision_reason: 'Too many unready leads',
        valid_from: '2025-02-15T09:00:00.000Z',
      })),
    ]);
  });

  it('leaves agreement texts and signatures to the ownership projection', () => {
    const signed = mktSales.record('2025-01-05T09:00:00Z', {
      type: 'AgreementSigned',
      data: { agreementVersion: 1, teamId: 'sales', signatory: 'VP Sales' },
    });
    expect(projectReporting(signed)).toEqual([]);
  });
});
