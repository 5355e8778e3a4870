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
