/**
 * Two more partnerships of the same quarter. Marketing-IT: a complete RACI for
 * marketing technology investments and decisions within it, but no asset registered.
 * Marketing-Finance: an agreement amended in March (so "what did it say on 1 March"
 * has a different answer than today), one budget contribution, then a suspension.
 */
import { ScenarioPlan, type PlannedEvent } from './planned-event';

export const MKT_IT = 'mkt-it';
export const MKT_FINANCE = 'mkt-finance';

export function marketingItQuarter(): PlannedEvent[] {
  const plan = new ScenarioPlan(MKT_IT);
  plan.agreeVersionOne('Marketing technology', ['marketing', 'it'], { proposed: '2025-01-09', activated: '2025-01-10' });
  const raci = '2025-01-10T12:30:00Z';
  plan.assign(raci, 'marketing-technology-investments', 'marketing', 'accountable');
  plan.assign(raci, 'marketing-technology-investments', 'it', 'responsible');
  plan.assign(raci, 'marketing-technology-investments', 'finance', 'consulted');
  plan.assign(raci, 'marketing-technology-investments', 'sales', 'informed');
  plan.assign(raci, 'vendor-selection', 'it', 'accountable');
  plan.assign(raci, 'vendor-selection', 'marketing', 'consulted');
  plan.commit('2025-01-13', 'c-cdp', 'it', 'tooling', 'Customer data platform integrated with the CRM', '2025-02-28');
  plan.commit('2025-01-13', 'c-requirements', 'marketing', 'expertise', 'Requirements for the CDP', '2025-01-31');

  plan.defineMetric('2025-01-14T10:00:00Z', 'time-to-data-access', {
    name: 'Time to data access', owner: 'it', indicator: 'leading', unit: 'days', direction: 'lower-is-better', cadence: 'monthly',
  });
  plan.defineMetric('2025-01-14T10:05:00Z', 'crm-adoption', {
    name: 'CRM adoption', owner: 'sales', indicator: 'lagging', unit: 'ratio', direction: 'higher-is-better', cadence: 'quarterly',
  });
  for (const period of ['2025-01', '2025-02', '2025-03']) plan.target('2025-01-14T11:00:00Z', 'time-to-data-access', period, 5);
  plan.target('2025-01-14T11:00:00Z', 'crm-adoption', '2025-Q1', 0.8);

  plan.deliver('2025-01-30T16:00:00Z', 'c-requirements', 'marketing', 'Requirements document v1.0');
  plan.read('2025-02-01T07:00:00Z', 'tda-jan', 'time-to-data-access', '2025-01', 7);
  plan.decide('2025-02-05T10:00:00Z', 'd-cdp-vendor', 'vendor-selection', 'it', 'accountable', 'Choose the CDP vendor');
  plan.decide('2025-02-12T10:00:00Z', 'd-martech-budget', 'marketing-technology-investments', 'marketing', 'accountable', 'Approve the CDP licence');
  plan.deliver('2025-02-26T17:00:00Z', 'c-cdp', 'it', 'CDP live');
  plan.read('2025-03-01T07:00:00Z', 'tda-feb', 'time-to-data-access', '2025-02', 4);
  plan.decide('2025-03-07T10:00:00Z', 'd-analytics-tool', 'marketing-technology-investments', 'it', 'responsible', 'Add a product analytics tool');
  plan.read('2025-04-01T07:00:00Z', 'tda-mar', 'time-to-data-access', '2025-03', 3);
  plan.read('2025-04-02T07:00:00Z', 'adoption-q1', 'crm-adoption', '2025-Q1', 0.7);
  return plan.planned;
}

export function marketingFinanceQuarter(): PlannedEvent[] {
  const plan = new ScenarioPlan(MKT_FINANCE);
  const partners = ['marketing', 'finance'];
  plan.agreeVersionOne('Marketing budget governance', partners, { proposed: '2025-01-15', activated: '2025-02-01' });
  plan.commit('2025-02-01', 'c-q1-budget', 'finance', 'budget', 'Q1 campaign budget release', '2025-02-15');
  plan.deliver('2025-02-10T10:00:00Z', 'c-q1-budget', 'finance', 'Budget released in the ERP');
  plan.amendAndActivate(2, ['Quarterly reforecast of campaign spend'], partners, 'Move to quarterly reforecasts', {
    amended: '2025-03-10',
    activated: '2025-03-15',
  });
  plan.at('2025-03-25T10:00:00Z', { type: 'PartnershipSuspended', data: { reason: 'Budget freeze pending the reforecast' } });
  return plan.planned;
}
