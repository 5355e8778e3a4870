/**
 * Rule of engagement 3, performance ownership: the shared metrics, each owned by exactly
 * one partner, with targets per period of its cadence. A retired metric keeps its
 * history but takes no new targets, readings or owners.
 */
import type { PartnershipEvent } from '@ledger/contracts';
import type { DefineMetric, RetireMetric, SetMetricTarget, TransferMetricOwnership } from '../commands';
import { describePeriodFormat, isValidPeriod } from '../period';
import { requireFinite, requirePartner, withoutUndefined } from './checks';
import { DomainError } from './errors';
import type { MetricState, PartnershipState } from './state';
import { normaliseTerm, requireTerm } from './vocabulary';

export function defineMetric(command: DefineMetric, state: PartnershipState): PartnershipEvent[] {
  const { metricId, name, definition, ownerTeamId, indicator, unit, direction, cadence } = command.data;
  if (state.metrics.has(metricId)) {
    throw DomainError.conflict(
      'metric.already-exists',
      `Metric "${metricId}" already exists in partnership "${state.partnershipId}".`,
      'metricId',
    );
  }
  requirePartner(state, ownerTeamId, { code: 'metric.owner-not-partner', field: 'ownerTeamId', action: 'own a metric' });
  const vocabularyTerm = command.data.vocabularyTerm === undefined ? undefined : normaliseTerm(command.data.vocabularyTerm);
  if (vocabularyTerm !== undefined) requireTerm(state, vocabularyTerm, 'vocabularyTerm');
  return [
    {
      type: 'MetricDefined',
      data: withoutUndefined({ metricId, name, definition, ownerTeamId, indicator, unit, direction, cadence, vocabularyTerm }),
    },
  ];
}

export function transferMetricOwnership(command: TransferMetricOwnership, state: PartnershipState): PartnershipEvent[] {
  const { metricId, toTeamId, reason } = command.data;
  const metric = requireMetricInUse(state, metricId);
  requirePartner(state, toTeamId, { code: 'metric.owner-not-partner', field: 'toTeamId', action: 'own a metric' });
  if (toTeamId === metric.ownerTeamId) {
    throw DomainError.rule(
      'metric.owner-unchanged',
      `Team "${toTeamId}" already owns metric "${metricId}"; ownership can only move to another partner.`,
      'toTeamId',
    );
  }
  return [{ type: 'MetricOwnershipTransferred', data: { metricId, fromTeamId: metric.ownerTeamId, toTeamId, reason } }];
}

/** A later target for the same period is allowed: it replaces the earlier one in the views. */
export function setMetricTarget(command: SetMetricTarget, state: PartnershipState): PartnershipEvent[] {
  const { metricId, period, target } = command.data;
  const metric = requireMetricInUse(state, metricId);
  requirePeriodOfMetric(metricId, metric, period);
  requireFinite(target, 'metric.target-not-finite', 'target', `The target for metric "${metricId}"`);
  return [{ type: 'MetricTargetSet', data: { metricId, period, target } }];
}

export function retireMetric(command: RetireMetric, state: PartnershipState): PartnershipEvent[] {
  const { metricId, reason } = command.data;
  const metric = requireMetric(state, metricId);
  if (metric.retirement !== null) {
    throw DomainError.conflict(
      'metric.already-retired',
      `Metric "${metricId}" is already retired (reason: ${metric.retirement.reason}).`,
      'metricId',
    );
  }
  return [{ type: 'MetricRetired', data: { metricId, reason } }];
}

export function requireMetric(state: PartnershipState, metricId: string): MetricState {
  const metric = state.metrics.get(metricId);
  if (metric !== undefined) return metric;
  throw DomainError.rule(
    'metric.unknown',
    `Metric "${metricId}" is not defined in partnership "${state.partnershipId}".`,
    'metricId',
  );
}

/** Retired metrics keep their history, but nothing new is measured against them. */
export function requireMetricInUse(state: PartnershipState, metricId: string): MetricState {
  const metric = requireMetric(state, metricId);
  if (metric.retirement === null) return metric;
  throw DomainError.rule(
    'metric.retired',
    `Metric "${metricId}" is retired (reason: ${metric.retirement.reason}); it accepts no new readings, targets or owners.`,
    'metricId',
  );
}

export function requirePeriodOfMetric(metricId: string, metric: MetricState, period: string): void {
  if (isValidPeriod(period, metric.cadence)) return;
  throw DomainError.rule(
    'period.invalid',
    `Period "${period}" does not fit metric "${metricId}", which is measured ${metric.cadence}: ` +
      `expected ${describePeriodFormat(metric.cadence)}.`,
    'period',
  );
}
