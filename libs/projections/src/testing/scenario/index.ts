/**
 * The first quarter of 2025 across three partnerships, as one ledger history: the
 * realistic sequence integration tests feed through the projections and query back.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { marketingSalesQuarter, MKT_SALES } from './marketing-sales-quarter';
import { marketingFinanceQuarter, marketingItQuarter, MKT_FINANCE, MKT_IT } from './other-partnerships';
import { recordPlans, type PlannedEvent } from './planned-event';

export { MKT_FINANCE, MKT_IT, MKT_SALES };
export { ScenarioPlan, type PlannedEvent } from './planned-event';

/** The quarter, with any further facts a test plans (recorded in ledger-time order with the rest). */
export function alignmentQuarterHistory(furtherFacts: PlannedEvent[] = []): EventEnvelope[] {
  return recordPlans([marketingSalesQuarter(), marketingItQuarter(), marketingFinanceQuarter(), furtherFacts]);
}

/**
 * The quarter of three partnerships, `copies` times over with distinct partnership ids
 * (copy `firstCopy` onwards), in ledger-time order, positions from `firstPosition`:
 * many partnerships living through the same quarter, for volume.
 */
export function quarterCopies(copies: number, firstCopy = 0, firstPosition = 1): EventEnvelope[] {
  const quarter = [...marketingSalesQuarter(), ...marketingItQuarter(), ...marketingFinanceQuarter()];
  const plans: PlannedEvent[][] = [];
  for (let copy = firstCopy; copy < firstCopy + copies; copy += 1) {
    plans.push(quarter.map((fact) => copyOf(fact, `${fact.partnershipId}-${copy}`)));
  }
  return recordPlans(plans, firstPosition);
}

/** The fact in the copy's partnership; the proposal names the partnership in its data too. */
function copyOf(fact: PlannedEvent, partnershipId: string): PlannedEvent {
  const { event } = fact;
  if (event.type !== 'PartnershipProposed') return { ...fact, partnershipId };
  return { ...fact, partnershipId, event: { ...event, data: { ...event.data, partnershipId } } };
}
