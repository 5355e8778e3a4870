import type { EventOfType, SlaThreshold } from '@ledger/contracts';
import type { DefineSla } from '../commands';
import { DECISION_CONTEXT, DeciderSpecification, FINANCE, SALES, activePartnership, slaDefined } from '../testing';
import { partnershipDecider } from './decider';

const given = DeciderSpecification.for(partnershipDecider, DECISION_CONTEXT);

const defineSla = (data: Partial<DefineSla['data']> = {}): DefineSla => ({ type: 'DefineSla', data: { ...slaDefined().data, ...data } });
const observe = (value: number, observationId = 'lead-4711') =>
  ({ type: 'RecordSlaObservation', data: { observationId, slaId: 'mql-first-contact', value } }) as const;
const observed = (value: number, met: boolean): EventOfType<'SlaObservationRecorded'> => ({
  type: 'SlaObservationRecorded',
  data: { observationId: 'lead-4711', slaId: 'mql-first-contact', value, met },
});
const withSla = (threshold: SlaThreshold = { comparator: 'at-most', value: 60 }) => [...activePartnership, slaDefined({ threshold })];

describe('defining an SLA', () => {
  it('records the promise between provider and beneficiary', () => {
    given(activePartnership).when(defineSla()).then([slaDefined()]);
  });

  it('accepts a compliance target of 1, every case must meet it', () => {
    given(activePartnership).when(defineSla({ complianceTarget: 1 })).then([slaDefined({ complianceTarget: 1 })]);
  });

  it.each([0, -0.5, 1.2, Number.NaN])('refuses a compliance target of %s', (complianceTarget) => {
    const error = given(activePartnership).when(defineSla({ complianceTarget })).thenThrows('sla.compliance-target-out-of-range');
    expect(error.field).toBe('complianceTarget');
  });

  it('refuses a threshold that is not a finite number', () => {
    const error = given(activePartnership)
      .when(defineSla({ threshold: { comparator: 'at-most', value: Number.POSITIVE_INFINITY } }))
      .thenThrows('sla.threshold-not-finite');
    expect(error.field).toBe('threshold.value');
  });

  it('refuses a provider that is not a partner', () => {
    expect(given(activePartnership).when(defineSla({ providerTeamId: FINANCE })).thenThrows('sla.provider-not-partner').field).toBe(
      'providerTeamId',
    );
  });

  it('refuses a beneficiary that is not a partner', () => {
    given(activePartnership).when(defineSla({ beneficiaryTeamId: FINANCE })).thenThrows('sla.beneficiary-not-partner');
  });

  it('refuses the same partner as provider and beneficiary', () => {
    const error = given(activePartnership)
      .when(defineSla({ providerTeamId: SALES, beneficiaryTeamId: SALES }))
      .thenThrows('sla.provider-is-beneficiary');
    expect(error.field).toBe('beneficiaryTeamId');
  });

  it('is a conflict when the SLA id is taken', () => {
    expect(given(withSla()).when(defineSla()).thenThrows('sla.already-exists').kind).toBe('conflict');
  });
});

describe('recording an SLA observation', () => {
  it.each([
    [45, true],
    [60, true],
    [61, false],
  ])('judges %s minutes against "at most 60" as met: %s', (value, met) => {
    given(withSla()).when(observe(value)).then([observed(value, met)]);
  });

  it.each([
    [50, true],
    [49.5, false],
  ])('judges %s against "at least 50" as met: %s', (value, met) => {
    given(withSla({ comparator: 'at-least', value: 50 })).when(observe(value)).then([observed(value, met)]);
  });

  it('keeps the subject the observation is about', () => {
    given(withSla())
      .when({
        type: 'RecordSlaObservation',
        data: { observationId: 'lead-4711', slaId: 'mql-first-contact', value: 12, subject: 'lead 4711' },
      })
      .then([{ type: 'SlaObservationRecorded', data: { ...observed(12, true).data, subject: 'lead 4711' } }]);
  });

  it('refuses an unknown SLA', () => {
    const error = given(activePartnership).when(observe(12)).thenThrows('sla.unknown');
    expect(error).toMatchObject({ kind: 'rule', field: 'slaId' });
  });

  it('refuses a value that is not a finite number', () => {
    given(withSla()).when(observe(Number.NaN)).thenThrows('observation.value-not-finite');
  });

  it('is a conflict when the observation id is taken', () => {
    expect(given([...withSla(), observed(12, true)]).when(observe(30)).thenThrows('observation.already-exists').kind).toBe('conflict');
  });
});
