/**
 * Marketing-IT, what each partner brings and how the project performs: IT's engineers
 * and data warehouse access, Marketing's licence budget; the customer data platform
 * licence and the marketing data mart as shared assets; time to data access (leading)
 * and milestones on time (lagging); and IT's promise to resolve marketing-critical
 * incidents within 8 hours, with the incidents the service desk reported.
 */
import type { DemoCalendar } from '../demo-calendar';
import { aroundTarget, recordMetric } from '../metric-plan';
import type { PartnershipScript } from '../partnership-script';
import { SeededRandom } from '../seeded-random';

const INCIDENT_SLA = 'critical-incident-resolution';
const FIRST_INCIDENT_NUMBER = 7_310;
const HOUR_MS = 3_600_000;

export function recordMarketingItDelivery(script: PartnershipScript, calendar: DemoCalendar): void {
  recordContributions(script, calendar);
  recordAssets(script, calendar);
  recordMetrics(script, calendar);
  recordIncidentSla(script, calendar);
}

function recordContributions(script: PartnershipScript, calendar: DemoCalendar): void {
  const { day, date } = calendar;
  script.record(day(4, '15:00'), 'CommitContribution', {
    contributionId: 'it-integration-engineers', teamId: 'it', kind: 'people', quantity: 2, unit: 'FTE', dueDate: date(14),
    description: 'Two integration engineers for the build and integration of the customer data platform.',
  });
  script.record(day(4, '15:10'), 'CommitContribution', {
    contributionId: 'it-data-warehouse-access', teamId: 'it', kind: 'data-access', dueDate: date(98),
    description: 'Read access for marketing analysts to the data warehouse, through the marketing data mart.',
  });
  script.record(day(12, '10:00'), 'DeliverContribution', {
    contributionId: 'it-integration-engineers',
    evidence: [{ description: 'Both engineers assigned full time to the project.', uri: 'https://wiki.example.com/it/cdp-project-team' }],
  });
  script.record(day(48, '16:00'), 'CommitContribution', {
    contributionId: 'marketing-cdp-licence-budget', teamId: 'marketing', kind: 'budget', quantity: 60_000, unit: 'EUR', dueDate: date(60),
    description: 'Licence budget for the personalisation module of the customer data platform.',
  });
  script.record(day(55, '11:00'), 'DeliverContribution', {
    contributionId: 'marketing-cdp-licence-budget',
    evidence: [{ description: 'Purchase order PO-2291 approved by Finance.' }],
  });
}

function recordAssets(script: PartnershipScript, calendar: DemoCalendar): void {
  const { day } = calendar;
  script.record(day(6, '10:00'), 'RegisterAsset', {
    assetId: 'marketing-data-mart', name: 'Marketing data mart', kind: 'data', ownerTeamId: 'it', steward: 'Data platform team',
    usage: [
      { name: 'access', value: 'Read-only for marketing analysts' },
      { name: 'personal-data', value: 'Pseudonymised; no direct identifiers' },
      { name: 'refresh', value: 'Nightly at 02:00 UTC' },
    ],
    description: 'Campaign, web and CRM data modelled for marketing analysis.',
  });
  script.record(day(32, '10:00'), 'RegisterAsset', {
    assetId: 'cdp-licence', name: 'Customer data platform licence', kind: 'tool', ownerTeamId: 'marketing',
    steward: 'Jonas Berg, marketing technology lead',
    usage: [
      { name: 'seats', value: '25 named users' },
      { name: 'hosting', value: 'EU region only' },
      { name: 'renewal', value: 'Yearly; notice 90 days before' },
    ],
    description: 'Acme CDP, chosen in the vendor selection.',
  });
}

function recordMetrics(script: PartnershipScript, calendar: DemoCalendar): void {
  const planned = { definedAt: calendar.day(4, '16:00'), targetsSetAt: calendar.day(4, '16:30'), reportDelayHours: 32 };
  const dataAccessTarget = (index: number) => Math.max(5, 15 - index * 3);
  recordMetric(script, calendar, {
    ...planned,
    definition: {
      metricId: 'time-to-data-access', name: 'Time to data access', ownerTeamId: 'it', indicator: 'leading', unit: 'days',
      direction: 'lower-is-better', cadence: 'monthly',
      definition: 'Median days from a marketing request for a data set to working access, over the requests closed in the month.',
    },
    targetOf: (_, index) => dataAccessTarget(index),
    valueOf: (_, index) => aroundTarget(dataAccessTarget(index), [1.3, 1.1, 0.9, 1.2, 0.8], index, 1),
    reportedBy: 'itsm',
  });
  recordMetric(script, calendar, {
    ...planned,
    definition: {
      metricId: 'milestones-on-time', name: 'Project milestones on time', ownerTeamId: 'it', indicator: 'lagging', unit: 'percent',
      direction: 'higher-is-better', cadence: 'monthly',
      definition: 'Share of the project milestones due in the month that were reached by their due date.',
    },
    targetOf: () => 80,
    valueOf: (_, index) => aroundTarget(80, [1.0, 0.75, 0.9, 1.25, 1.0], index),
    reportedBy: 'project-office',
  });
}

function recordIncidentSla(script: PartnershipScript, calendar: DemoCalendar): void {
  const definedAt = calendar.day(4, '17:00');
  script.record(definedAt, 'DefineSla', {
    slaId: INCIDENT_SLA,
    name: 'IT resolves marketing-critical incidents within 8 hours',
    providerTeamId: 'it',
    beneficiaryTeamId: 'marketing',
    measure: 'Hours from the report of a marketing-critical incident to its resolution',
    unit: 'hours',
    threshold: { comparator: 'at-most', value: 8 },
    complianceTarget: 0.95,
    compliancePeriod: 'monthly',
  });
  const random = SeededRandom.fromText('mkt-it/incidents');
  let incidentNumber = FIRST_INCIDENT_NUMBER;
  for (const week of calendar.periods('weekly')) {
    const incidents = random.integer(0, 3);
    for (let index = 0; index < incidents; index++) {
      incidentNumber += 1;
      const reportedAt = new Date(week.start.getTime() + random.integer(0, 7 * 24 - 1) * HOUR_MS);
      const hours = random.chance(0.12) ? random.integer(90, 300) / 10 : random.integer(5, 75) / 10;
      const resolvedAt = new Date(reportedAt.getTime() + hours * HOUR_MS);
      if (reportedAt <= definedAt || !calendar.hasCome(resolvedAt)) continue;
      script.record(resolvedAt, 'RecordSlaObservation', {
        observationId: `incident-INC-${incidentNumber}`,
        slaId: INCIDENT_SLA,
        value: hours,
        subject: `INC-${incidentNumber}`,
      }, 'itsm');
    }
  }
}
