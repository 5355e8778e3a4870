import type { PartnershipEvent } from '@ledger/contracts';
import type { DefineMetric } from '../commands';
import {
  DECISION_CONTEXT,
  DeciderSpecification,
  FINANCE,
  MARKETING,
  SALES,
  activePartnership,
  metricDefined,
  stateAfter,
  vocabularyTermDefined,
} from '../testing';
import { partnershipDecider } from './decider';

const given = DeciderSpecification.for(partnershipDecider, DECISION_CONTEXT);

const defineMetric = (data: Partial<DefineMetric['data']> = {}): DefineMetric => ({
  type: 'DefineMetric',
  data: { ...metricDefined().data, ...data },
});
const metricRetired: PartnershipEvent = { type: 'MetricRetired', data: { metricId: 'mql-volume', reason: 'replaced by sql-volume' } };
const withMetric = [...activePartnership, metricDefined()];

describe('defining a metric', () => {
  it('records the metric with its single owning partner', () => {
    given(activePartnership).when(defineMetric()).then([metricDefined()]);
  });

  it('links the metric to a defined vocabulary term, compared case-insensitively', () => {
    given([...activePartnership, vocabularyTermDefined('mql', 'Lead scored 50+ by marketing automation')])
      .when(defineMetric({ vocabularyTerm: 'MQL' }))
      .then([metricDefined({ vocabularyTerm: 'mql' })]);
  });

  it('refuses a vocabulary term the partnership has not defined', () => {
    const error = given(activePartnership).when(defineMetric({ vocabularyTerm: 'sql' })).thenThrows('vocabulary-term.unknown');
    expect(error).toMatchObject({ kind: 'rule', field: 'vocabularyTerm' });
  });

  it('refuses an owner that is not a partner', () => {
    const error = given(activePartnership).when(defineMetric({ ownerTeamId: FINANCE })).thenThrows('metric.owner-not-partner');
    expect(error.field).toBe('ownerTeamId');
  });

  it('is a conflict when the metric id is taken', () => {
    expect(given(withMetric).when(defineMetric()).thenThrows('metric.already-exists').kind).toBe('conflict');
  });

  it('treats an id that names a built-in object property as just another id', () => {
    given(activePartnership).when(defineMetric({ metricId: 'constructor' })).then([metricDefined({ metricId: 'constructor' })]);
  });
});

describe('setting a target', () => {
  const setTarget = (period: string, target: number, metricId = 'mql-volume') =>
    ({ type: 'SetMetricTarget', data: { metricId, period, target } }) as const;

  it('records the target for a period of the metric cadence', () => {
    given(withMetric)
      .when(setTarget('2025-03', 400))
      .then([{ type: 'MetricTargetSet', data: { metricId: 'mql-volume', period: '2025-03', target: 400 } }]);
  });

  it('accepts a later target for the same period, which replaces the earlier one', () => {
    const first: PartnershipEvent = { type: 'MetricTargetSet', data: { metricId: 'mql-volume', period: '2025-03', target: 400 } };
    const second: PartnershipEvent = { type: 'MetricTargetSet', data: { metricId: 'mql-volume', period: '2025-03', target: 450 } };
    given([...withMetric, first]).when(setTarget('2025-03', 450)).then([second]);
    expect(stateAfter([...withMetric, first, second]).metrics.get('mql-volume')?.targets).toEqual({ '2025-03': 450 });
  });

  it.each(['2025-Q1', '2025-W10', '2025-13', '2025-03-01'])('refuses %s as a period of a monthly metric', (period) => {
    const error = given(withMetric).when(setTarget(period, 400)).thenThrows('period.invalid');
    expect(error.field).toBe('period');
    expect(error.message).toContain(`"${period}"`);
  });

  it('refuses a target that is not a finite number', () => {
    const error = given(withMetric).when(setTarget('2025-03', Number.POSITIVE_INFINITY)).thenThrows('metric.target-not-finite');
    expect(error.field).toBe('target');
  });

  it('refuses an unknown metric, naming the field', () => {
    const error = given(activePartnership).when(setTarget('2025-03', 400, 'ghost')).thenThrows('metric.unknown');
    expect(error).toMatchObject({ kind: 'rule', field: 'metricId' });
  });

  it('refuses a retired metric', () => {
    given([...withMetric, metricRetired]).when(setTarget('2025-03', 400)).thenThrows('metric.retired');
  });
});

describe('transferring ownership', () => {
  const transfer = (toTeamId: string) =>
    ({ type: 'TransferMetricOwnership', data: { metricId: 'mql-volume', toTeamId, reason: 'Sales runs lead scoring now' } }) as const;

  it('moves the metric to another partner, recording who owned it before', () => {
    given(withMetric)
      .when(transfer(SALES))
      .then([
        {
          type: 'MetricOwnershipTransferred',
          data: { metricId: 'mql-volume', fromTeamId: MARKETING, toTeamId: SALES, reason: 'Sales runs lead scoring now' },
        },
      ]);
  });

  it('refuses a new owner that is not a partner', () => {
    expect(given(withMetric).when(transfer(FINANCE)).thenThrows('metric.owner-not-partner').field).toBe('toTeamId');
  });

  it('refuses a transfer to the current owner', () => {
    given(withMetric).when(transfer(MARKETING)).thenThrows('metric.owner-unchanged');
  });

  it('refuses a retired metric', () => {
    given([...withMetric, metricRetired]).when(transfer(SALES)).thenThrows('metric.retired');
  });
});

describe('retiring a metric', () => {
  const retire = (metricId = 'mql-volume') => ({ type: 'RetireMetric', data: { metricId, reason: 'replaced by sql-volume' } }) as const;

  it('records the retirement with its reason', () => {
    given(withMetric).when(retire()).then([metricRetired]);
  });

  it('is a conflict when the metric is already retired', () => {
    expect(given([...withMetric, metricRetired]).when(retire()).thenThrows('metric.already-retired').kind).toBe('conflict');
  });

  it('refuses an unknown metric', () => {
    given(activePartnership).when(retire('ghost')).thenThrows('metric.unknown');
  });
});
