/**
 * Service level agreements between partners ("Sales contacts every MQL within 1 hour")
 * and the observations that show, case by case, whether the provider met them.
 * Whether an observation met the SLA is decided here, once, from the SLA as defined,
 * so every view counts breaches the same way.
 */
import type { PartnershipEvent, SlaThreshold } from '@ledger/contracts';
import type { DefineSla, RecordSlaObservation } from '../commands';
import { requireFinite, requirePartner, withoutUndefined } from './checks';
import { DomainError } from './errors';
import type { PartnershipState } from './state';

export function defineSla(command: DefineSla, state: PartnershipState): PartnershipEvent[] {
  const { slaId, providerTeamId, beneficiaryTeamId, threshold, complianceTarget } = command.data;
  if (state.slas.has(slaId)) {
    throw DomainError.conflict(
      'sla.already-exists',
      `SLA "${slaId}" is already defined in partnership "${state.partnershipId}".`,
      'slaId',
    );
  }
  requirePartner(state, providerTeamId, { code: 'sla.provider-not-partner', field: 'providerTeamId', action: 'provide an SLA' });
  requirePartner(state, beneficiaryTeamId, {
    code: 'sla.beneficiary-not-partner',
    field: 'beneficiaryTeamId',
    action: 'benefit from an SLA',
  });
  if (providerTeamId === beneficiaryTeamId) {
    throw DomainError.rule(
      'sla.provider-is-beneficiary',
      `SLA "${slaId}" names "${providerTeamId}" as both provider and beneficiary; an SLA is a promise between two partners.`,
      'beneficiaryTeamId',
    );
  }
  requireFinite(threshold.value, 'sla.threshold-not-finite', 'threshold.value', `The threshold of SLA "${slaId}"`);
  if (!(complianceTarget > 0 && complianceTarget <= 1)) {
    throw DomainError.rule(
      'sla.compliance-target-out-of-range',
      `The compliance target of SLA "${slaId}" is ${complianceTarget}; it must be a share above 0 and at most 1 (e.g. 0.95).`,
      'complianceTarget',
    );
  }
  const { name, measure, unit, compliancePeriod } = command.data;
  return [
    {
      type: 'SlaDefined',
      data: { slaId, name, providerTeamId, beneficiaryTeamId, measure, unit, threshold, complianceTarget, compliancePeriod },
    },
  ];
}

export function recordSlaObservation(command: RecordSlaObservation, state: PartnershipState): PartnershipEvent[] {
  const { observationId, slaId, value, subject } = command.data;
  if (state.observationIds.has(observationId)) {
    throw DomainError.conflict(
      'observation.already-exists',
      `Observation "${observationId}" is already recorded in partnership "${state.partnershipId}".`,
      'observationId',
    );
  }
  const sla = state.slas.get(slaId);
  if (sla === undefined) {
    throw DomainError.rule('sla.unknown', `SLA "${slaId}" is not defined in partnership "${state.partnershipId}".`, 'slaId');
  }
  requireFinite(value, 'observation.value-not-finite', 'value', `The value of observation "${observationId}"`);
  const met = meetsThreshold(value, sla.threshold);
  return [{ type: 'SlaObservationRecorded', data: withoutUndefined({ observationId, slaId, value, met, subject }) }];
}

function meetsThreshold(value: number, threshold: SlaThreshold): boolean {
  switch (threshold.comparator) {
    case 'at-most':
      return value <= threshold.value;
    case 'at-least':
      return value >= threshold.value;
  }
}
