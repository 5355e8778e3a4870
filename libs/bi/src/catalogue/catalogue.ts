/**
 * Every view of schema `bi`, in the order they are created. Views read only projection
 * objects (never each other), so the order is free; facts come first to read well.
 */
import type { BiView } from './bi-view';
import { dimDate } from './dimensions/date.dimension';
import { dimDecisionArea } from './dimensions/decision-area.dimension';
import { dimMetric, dimSla } from './dimensions/metric.dimensions';
import { dimPartner, dimPartnership, dimTeam } from './dimensions/partnership.dimensions';
import { dimAgreementVersion, dimVocabularyTermVersion } from './dimensions/versioned.dimensions';
import { factContribution } from './facts/contribution.fact';
import { factDecision } from './facts/decision.fact';
import { factMetricReading } from './facts/metric-reading.fact';
import { factSlaObservation } from './facts/sla-observation.fact';

export const BI_VIEWS: readonly BiView[] = [
  factMetricReading,
  factSlaObservation,
  factContribution,
  factDecision,
  dimPartnership,
  dimPartner,
  dimTeam,
  dimMetric,
  dimSla,
  dimDecisionArea,
  dimAgreementVersion,
  dimVocabularyTermVersion,
  dimDate,
];

export function findBiView(name: string): BiView | undefined {
  return BI_VIEWS.find((view) => view.name === name);
}
