/**
 * The Marketing-Sales partnership through the first quarter of 2025: proposed, scoped
 * and signed; contributions delivered on time, late, never (overdue) and withdrawn;
 * leading and lagging metrics with monthly targets and readings (one corrected); a RACI
 * with Finance informed, decisions inside and outside the rights; assets; two SLAs
 * with observations; the MQL definition revised mid-quarter; an amended agreement.
 */
import { ScenarioPlan, type PlannedEvent } from './planned-event';

export const MKT_SALES = 'mkt-sales';

const PARTNERS = ['marketing', 'sales', 'finance'];

export function marketingSalesQuarter(): PlannedEvent[] {
  const plan = new ScenarioPlan(MKT_SALES);
  agreeAndSetUp(plan);
  january(plan);
  february(plan);
  march(plan);
  return plan.planned;
}

function agreeAndSetUp(plan: ScenarioPlan): void {
  plan.agreeVersionOne('Marketing and Sales pipeline', PARTNERS, { proposed: '2025-01-02', activated: '2025-01-06' });
  plan.at('2025-01-02T10:00:00Z', {
    type: 'VocabularyTermDefined',
    data: { term: 'mql', version: 1, definition: 'Downloaded content and fits the ideal customer profile' },
  });
  plan.at('2025-01-02T10:05:00Z', {
    type: 'VocabularyTermDefined',
    data: { term: 'sql', version: 1, definition: 'An MQL that Sales qualified in a first call' },
  });

  plan.commit('2025-01-06', 'c-mql-handoff', 'marketing', 'process', 'MQL hand-off runbook in the CRM', '2025-01-31');
  plan.commit('2025-01-06', 'c-sdr-team', 'sales', 'people', 'Two SDRs dedicated to MQL follow-up', '2025-02-14');
  plan.commit('2025-01-06', 'c-lead-scores', 'marketing', 'data-access', 'Lead scores from marketing automation', '2025-03-14');
  plan.commit('2025-01-06', 'c-event-budget', 'sales', 'budget', 'Co-funding of the spring trade show', '2025-03-31');
  plan.commit('2025-01-06', 'c-playbook', 'marketing', 'expertise', 'Standing messaging playbook', '2099-12-31');

  const defined = '2025-01-07T10:00:00Z';
  const monthly = { cadence: 'monthly', direction: 'higher-is-better' } as const;
  plan.defineMetric(defined, 'mql-volume', { name: 'MQL volume', owner: 'marketing', indicator: 'leading', unit: 'leads', ...monthly, vocabularyTerm: 'mql' });
  plan.defineMetric(defined, 'mql-to-sql-rate', { name: 'MQL-to-SQL conversion', owner: 'sales', indicator: 'lagging', unit: 'percent', ...monthly, vocabularyTerm: 'sql' });
  plan.defineMetric(defined, 'time-to-first-contact', {
    name: 'Time to first contact', owner: 'marketing', indicator: 'leading', unit: 'hours', direction: 'lower-is-better', cadence: 'monthly',
  });
  plan.defineMetric(defined, 'sourced-pipeline', {
    name: 'Marketing-sourced pipeline', owner: 'sales', indicator: 'lagging', unit: 'EUR', direction: 'higher-is-better', cadence: 'quarterly',
  });
  const targetsSet = '2025-01-07T12:00:00Z';
  for (const [period, mqls, rate] of [['2025-01', 400, 25], ['2025-02', 420, 25], ['2025-03', 450, 28]] as const) {
    plan.target(targetsSet, 'mql-volume', period, mqls);
    plan.target(targetsSet, 'mql-to-sql-rate', period, rate);
    plan.target(targetsSet, 'time-to-first-contact', period, 1);
  }
  plan.target(targetsSet, 'sourced-pipeline', '2025-Q1', 1_000_000);

  const raci = '2025-01-08T09:00:00Z';
  plan.assign(raci, 'lead-routing-rules', 'sales', 'responsible');
  plan.assign(raci, 'lead-routing-rules', 'marketing', 'accountable');
  plan.assign(raci, 'lead-routing-rules', 'finance', 'informed');
  plan.assign(raci, 'campaign-budget', 'marketing', 'responsible');
  plan.assign(raci, 'campaign-budget', 'marketing', 'accountable');
  plan.assign(raci, 'campaign-budget', 'sales', 'consulted');
  plan.assign(raci, 'campaign-budget', 'finance', 'consulted');
  plan.assign(raci, 'campaign-budget', 'finance', 'informed');
  plan.assign(raci, 'event-sponsorships', 'marketing', 'responsible');
  plan.assign(raci, 'event-sponsorships', 'sales', 'consulted');

  registerAssetsAndSlas(plan);
}

function registerAssetsAndSlas(plan: ScenarioPlan): void {
  plan.at('2025-01-08T14:00:00Z', {
    type: 'AssetRegistered',
    data: {
      assetId: 'crm', name: 'CRM', kind: 'tool', ownerTeamId: 'sales', steward: 'Sales operations lead',
      usage: [{ name: 'access', value: 'Marketing reads leads and activities' }, { name: 'retention', value: '24 months' }],
    },
  });
  plan.at('2025-01-08T14:10:00Z', {
    type: 'AssetRegistered',
    data: {
      assetId: 'lead-scoring-model', name: 'Lead scoring model', kind: 'data', ownerTeamId: 'marketing',
      steward: 'Marketing operations analyst', usage: [{ name: 'refresh', value: 'daily' }],
    },
  });
  plan.at('2025-01-08T15:00:00Z', {
    type: 'SlaDefined',
    data: {
      slaId: 'mql-first-contact', name: 'First contact within one hour', providerTeamId: 'sales', beneficiaryTeamId: 'marketing',
      measure: 'Hours from MQL hand-off to first sales contact', unit: 'hours', threshold: { comparator: 'at-most', value: 1 },
      complianceTarget: 0.9, compliancePeriod: 'weekly',
    },
  });
  plan.at('2025-01-08T15:10:00Z', {
    type: 'SlaDefined',
    data: {
      slaId: 'mql-monthly-volume', name: '400 MQLs a month', providerTeamId: 'marketing', beneficiaryTeamId: 'sales',
      measure: 'MQLs handed to Sales', unit: 'leads', threshold: { comparator: 'at-least', value: 400 },
      complianceTarget: 1, compliancePeriod: 'monthly',
    },
  });
}

function january(plan: ScenarioPlan): void {
  plan.decide('2025-01-20T10:00:00Z', 'd-routing-1', 'lead-routing-rules', 'sales', 'responsible', 'Route enterprise MQLs to named SDRs');
  plan.deliver('2025-01-28T15:00:00Z', 'c-mql-handoff', 'marketing', 'Runbook published in the CRM');
  // January's tally and readings are reported on the first of February.
  plan.observe('2025-01-31T20:00:00Z', 'mql-volume-2025-01', 'mql-monthly-volume', 410, true, '2025-02-01T06:00:00Z');
  plan.read('2025-02-01T07:00:00Z', 'mql-jan', 'mql-volume', '2025-01', 410, 1);
  plan.read('2025-02-01T07:00:00Z', 'conv-jan', 'mql-to-sql-rate', '2025-01', 22, 1);
  plan.read('2025-02-01T07:00:00Z', 'ttfc-jan', 'time-to-first-contact', '2025-01', 1.5);
}

function february(plan: ScenarioPlan): void {
  plan.at('2025-02-03T10:00:00Z', {
    type: 'MetricOwnershipTransferred',
    data: { metricId: 'time-to-first-contact', fromTeamId: 'marketing', toTeamId: 'sales', reason: 'Sales runs the SDRs who make first contact' },
  });
  // Sales is only consulted on both areas: these two decisions break the agreement.
  plan.decide('2025-02-10T16:00:00Z', 'd-budget-1', 'campaign-budget', 'sales', 'responsible', 'Move 10k EUR from display ads to webinars');
  plan.decide('2025-02-10T16:30:00Z', 'd-sponsor-1', 'event-sponsorships', 'sales', 'responsible', 'Sponsor the regional CIO breakfast');
  plan.at('2025-02-15T09:00:00Z', {
    type: 'VocabularyTermRevised',
    data: { term: 'mql', version: 2, definition: 'Lead score of 60 or more and a contact in a buying role', reason: 'Sales rejected too many MQLs' },
  });
  plan.deliver('2025-02-20T12:00:00Z', 'c-sdr-team', 'sales', 'Two SDRs started');
  plan.observe('2025-02-28T20:00:00Z', 'mql-volume-2025-02', 'mql-monthly-volume', 380, false, '2025-03-01T06:00:00Z');
}

function march(plan: ScenarioPlan): void {
  plan.assign('2025-03-01T09:00:00Z', 'event-sponsorships', 'sales', 'responsible');
  plan.at('2025-03-01T09:30:00Z', {
    type: 'DecisionRightRevoked',
    data: { decisionArea: 'campaign-budget', teamId: 'finance', role: 'consulted', reason: 'Finance asked to be informed only' },
  });
  plan.read('2025-03-02T07:00:00Z', 'mql-feb', 'mql-volume', '2025-02', 380, 2);
  plan.read('2025-03-02T07:00:00Z', 'conv-feb', 'mql-to-sql-rate', '2025-02', 26, 1);
  plan.read('2025-03-02T07:00:00Z', 'ttfc-feb', 'time-to-first-contact', '2025-02', 0.9);
  // Hours to first contact in ISO weeks 10, 11 and 12: 3 of 4, 5 of 5 and 2 of 4 within the hour.
  const weeks = [[0.5, 0.8, 2.5, 0.7], [0.4, 0.9, 0.6, 1, 0.3], [0.5, 3, 1.5, 0.9]];
  weeks.forEach((hours, week) =>
    hours.forEach((value, day) => {
      const date = `2025-03-${String(3 + week * 7 + day).padStart(2, '0')}`;
      plan.observe(`${date}T10:00:00Z`, `contact-w${10 + week}-${day}`, 'mql-first-contact', value, value <= 1);
    }),
  );
  plan.at('2025-03-05T08:00:00Z', {
    type: 'ReadingCorrected',
    data: {
      readingId: 'mql-feb', metricId: 'mql-volume', period: '2025-02', previousValue: 380, correctedValue: 395,
      reason: "CRM sync dropped one webinar's leads",
    },
  });
  plan.decide('2025-03-05T15:00:00Z', 'd-sponsor-2', 'event-sponsorships', 'sales', 'responsible', 'Sponsor the spring partner summit');
  plan.at('2025-03-10T09:00:00Z', {
    type: 'ContributionWithdrawn',
    data: { contributionId: 'c-event-budget', teamId: 'sales', reason: 'Trade show cancelled by its organiser' },
  });
  plan.decide('2025-03-12T11:00:00Z', 'd-budget-2', 'campaign-budget', 'marketing', 'accountable', 'Fund the Q2 webinar series');
  plan.amendAndActivate(2, ['Grow qualified pipeline', 'Review SLA compliance weekly'], PARTNERS, 'Add the weekly SLA review', {
    amended: '2025-03-18',
    activated: '2025-03-20',
  });
  // March's tally and readings are reported in April.
  plan.observe('2025-03-31T20:00:00Z', 'mql-volume-2025-03', 'mql-monthly-volume', 470, true, '2025-04-01T06:00:00Z');
  plan.read('2025-04-01T07:00:00Z', 'mql-mar', 'mql-volume', '2025-03', 470, 2);
  plan.read('2025-04-01T07:00:00Z', 'conv-mar', 'mql-to-sql-rate', '2025-03', 24, 1);
  plan.read('2025-04-01T07:00:00Z', 'ttfc-mar', 'time-to-first-contact', '2025-03', 0.8);
  plan.read('2025-04-02T07:00:00Z', 'pipeline-q1', 'sourced-pipeline', '2025-Q1', 1_150_000);
}
