/**
 * The Marketing-Finance partnership, from six weeks before the 1 March that DOMAIN.md
 * asks about to now: an agreement in force on that day and amended since.
 */
import type { DemoCalendar } from '../demo-calendar';
import { PartnershipScript } from '../partnership-script';
import { MKT_FINANCE, recordMarketingFinanceAgreement } from './agreement';
import { recordMarketingFinanceDelivery } from './delivery';
import { recordMarketingFinancePerformance } from './performance';
import { MarketingFinanceTimeline } from './timeline';

export { MKT_FINANCE };
export { marchFirstBefore } from './timeline';

export function marketingFinanceHistory(calendar: DemoCalendar): PartnershipScript {
  const timeline = new MarketingFinanceTimeline(calendar);
  const script = new PartnershipScript(MKT_FINANCE);
  recordMarketingFinanceAgreement(script, timeline);
  recordMarketingFinanceDelivery(script, timeline);
  recordMarketingFinancePerformance(script, timeline);
  return script;
}
