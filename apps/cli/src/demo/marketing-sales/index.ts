/** The Marketing-Sales partnership through the demo quarter: agreement, performance and service levels. */
import type { DemoCalendar } from '../demo-calendar';
import { PartnershipScript } from '../partnership-script';
import { MKT_SALES, recordMarketingSalesAgreement } from './agreement';
import { recordMarketingSalesPerformance } from './performance';
import { recordMarketingSalesSlas } from './slas';

export { MKT_SALES };

export function marketingSalesQuarter(calendar: DemoCalendar): PartnershipScript {
  const script = new PartnershipScript(MKT_SALES);
  recordMarketingSalesAgreement(script, calendar);
  const weeklyMqls = recordMarketingSalesPerformance(script, calendar);
  recordMarketingSalesSlas(script, calendar, weeklyMqls);
  return script;
}
