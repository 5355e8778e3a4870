import type { PartnershipEvent } from '@ledger/contracts';
import type { RecordReading } from '../commands';
import { DECISION_CONTEXT, DeciderSpecification, activePartnership, metricDefined, vocabularyTermDefined } from '../testing';
import { partnershipDecider } from './decider';

const given = DeciderSpecification.for(partnershipDecider, DECISION_CONTEXT);

const withMetric = [...activePartnership, metricDefined()];
const metricRetired: PartnershipEvent = { type: 'MetricRetired', data: { metricId: 'mql-volume', reason: 'replaced by sql-volume' } };
const reading = { readingId: 'crm-2025-03', metricId: 'mql-volume', period: '2025-03', value: 380 };
const recorded: PartnershipEvent = { type: 'ReadingRecorded', data: reading };
const record = (data: Partial<RecordReading['data']> = {}): RecordReading => ({ type: 'RecordReading', data: { ...reading, ...data } });
const correct = (correctedValue: number) =>
  ({ type: 'CorrectReading', data: { readingId: 'crm-2025-03', correctedValue, reason: 'Late CRM sync' } }) as const;
const corrected = (previousValue: number, correctedValue: number): PartnershipEvent => ({
  type: 'ReadingCorrected',
  data: { readingId: 'crm-2025-03', metricId: 'mql-volume', period: '2025-03', previousValue, correctedValue, reason: 'Late CRM sync' },
});

describe('recording a reading', () => {
  it('records the value for a period of the metric cadence', () => {
    given(withMetric).when(record()).then([recorded]);
  });

  it('stamps the version of the metric vocabulary term in force', () => {
    const revised: PartnershipEvent = {
      type: 'VocabularyTermRevised',
      data: { term: 'mql', version: 2, definition: 'Lead scored 60+', reason: 'Raise the bar' },
    };
    given([...activePartnership, vocabularyTermDefined('mql', 'Lead scored 50+'), metricDefined({ vocabularyTerm: 'mql' }), revised])
      .when(record())
      .then([{ type: 'ReadingRecorded', data: { ...reading, vocabularyVersion: 2 } }]);
  });

  it('refuses an unknown metric, naming the field', () => {
    const error = given(activePartnership).when(record()).thenThrows('metric.unknown');
    expect(error).toMatchObject({ kind: 'rule', field: 'metricId' });
    expect(error.message).toBe('Metric "mql-volume" is not defined in partnership "marketing-sales".');
  });

  it('refuses a retired metric, giving the reason it was retired', () => {
    const error = given([...withMetric, metricRetired]).when(record()).thenThrows('metric.retired');
    expect(error.message).toBe(
      'Metric "mql-volume" is retired (reason: replaced by sql-volume); it accepts no new readings, targets or owners.',
    );
  });

  it('refuses a period that does not fit the metric cadence', () => {
    const error = given(withMetric).when(record({ period: '2025-W12' })).thenThrows('period.invalid');
    expect(error.message).toBe(
      'Period "2025-W12" does not fit metric "mql-volume", which is measured monthly: expected YYYY-MM, e.g. 2025-03.',
    );
  });

  it('refuses a value that is not a finite number', () => {
    expect(given(withMetric).when(record({ value: Number.NaN })).thenThrows('reading.value-not-finite').field).toBe('value');
  });

  it('is a conflict when the reading id is taken', () => {
    expect(given([...withMetric, recorded]).when(record({ value: 381 })).thenThrows('reading.already-exists').kind).toBe('conflict');
  });
});

describe('correcting a reading', () => {
  it('records the value it replaces and the corrected value', () => {
    given([...withMetric, recorded]).when(correct(395)).then([corrected(380, 395)]);
  });

  it('replaces the value left by earlier corrections', () => {
    given([...withMetric, recorded, corrected(380, 395)]).when(correct(401)).then([corrected(395, 401)]);
  });

  it('refuses a correction that does not change the value', () => {
    const error = given([...withMetric, recorded, corrected(380, 395)]).when(correct(395)).thenThrows('reading.correction-unchanged');
    expect(error.field).toBe('correctedValue');
  });

  it('accepts a correction for a retired metric, since it fixes history', () => {
    given([...withMetric, recorded, metricRetired]).when(correct(395)).then([corrected(380, 395)]);
  });

  it('refuses an unknown reading', () => {
    expect(given(withMetric).when(correct(395)).thenThrows('reading.unknown').field).toBe('readingId');
  });

  it('refuses a corrected value that is not a finite number', () => {
    given([...withMetric, recorded]).when(correct(Number.NEGATIVE_INFINITY)).thenThrows('reading.value-not-finite');
  });
});
