/**
 * Readings: the measured value of a metric for one period, as source systems report
 * it. A wrong reading is never edited; a correction is a new event that records both
 * the value it replaces and the new one, so the history shows what was believed when.
 */
import type { PartnershipEvent } from '@ledger/contracts';
import type { CorrectReading, RecordReading } from '../commands';
import { requireFinite } from './checks';
import { DomainError } from './errors';
import { requireMetricInUse, requirePeriodOfMetric } from './metrics';
import type { MetricState, PartnershipState } from './state';

export function recordReading(command: RecordReading, state: PartnershipState): PartnershipEvent[] {
  const { readingId, metricId, period, value } = command.data;
  if (state.readings.has(readingId)) {
    throw DomainError.conflict(
      'reading.already-exists',
      `Reading "${readingId}" is already recorded in partnership "${state.partnershipId}"; fix a value with CorrectReading.`,
      'readingId',
    );
  }
  const metric = requireMetricInUse(state, metricId);
  requirePeriodOfMetric(metricId, metric, period);
  requireFinite(value, 'reading.value-not-finite', 'value', `The value of reading "${readingId}"`);
  const vocabularyVersion = termVersionInForce(state, metric);
  const reading = { readingId, metricId, period, value };
  return [{ type: 'ReadingRecorded', data: vocabularyVersion === undefined ? reading : { ...reading, vocabularyVersion } }];
}

/** Corrections fix history, so they are accepted for retired metrics too. */
export function correctReading(command: CorrectReading, state: PartnershipState): PartnershipEvent[] {
  const { readingId, correctedValue, reason } = command.data;
  const reading = state.readings.get(readingId);
  if (reading === undefined) {
    throw DomainError.rule(
      'reading.unknown',
      `Reading "${readingId}" is not recorded in partnership "${state.partnershipId}", so it cannot be corrected.`,
      'readingId',
    );
  }
  requireFinite(correctedValue, 'reading.value-not-finite', 'correctedValue', `The corrected value of reading "${readingId}"`);
  if (correctedValue === reading.value) {
    throw DomainError.rule(
      'reading.correction-unchanged',
      `Reading "${readingId}" already has the value ${correctedValue}; a correction must change it.`,
      'correctedValue',
    );
  }
  const { metricId, period, value: previousValue } = reading;
  return [{ type: 'ReadingCorrected', data: { readingId, metricId, period, previousValue, correctedValue, reason } }];
}

/** The latest version of the term the metric counts, so the reading says which definition it used. */
function termVersionInForce(state: PartnershipState, metric: MetricState): number | undefined {
  if (metric.vocabularyTerm === undefined) return undefined;
  return state.vocabulary.get(metric.vocabularyTerm)?.latestVersion;
}
