/** The Marketing-IT partnership through the demo quarter: a customer data platform project. */
import type { DemoCalendar } from '../demo-calendar';
import { PartnershipScript } from '../partnership-script';
import { MKT_IT, recordMarketingItAgreement } from './agreement';
import { recordMarketingItDelivery } from './delivery';

export { MKT_IT };

export function marketingItQuarter(calendar: DemoCalendar): PartnershipScript {
  const script = new PartnershipScript(MKT_IT);
  recordMarketingItAgreement(script, calendar);
  recordMarketingItDelivery(script, calendar);
  return script;
}
