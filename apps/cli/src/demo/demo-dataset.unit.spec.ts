/**
 * The demo dataset, specified: the ledger's own edge validation and the pure decider
 * accept every submission, nothing happens after `now`, and the quarter holds material
 * for each sample question of DOMAIN.md, for whatever day the demo is loaded on.
 */
import type { EventOfType, PartnershipEvent, PartnershipEventType } from '@ledger/contracts';
import { decidePartnership, evolvePartnership, initialPartnershipState, periodOf, type PartnershipState } from '@ledger/domain';
import { validateSubmission } from '../../../ledger/src/commands/validate-submission';
import { DAY_MS } from './demo-calendar';
import { buildDemoDataset, demoNowOf, type DemoDataset } from './demo-dataset';
import { marchFirstBefore } from './marketing-finance';

interface ReplayedEvent {
  event: PartnershipEvent;
  occurredAt: Date;
}

interface Replay {
  events: Record<string, ReplayedEvent[]>;
  states: Record<string, PartnershipState>;
}

/** What the ledger would record: each submission validated at the edge, then decided on the state so far. */
function replay(dataset: DemoDataset): Replay {
  const replayed: Replay = { events: {}, states: {} };
  for (const raw of dataset.submissions) {
    const validation = validateSubmission(raw, dataset.now);
    if (!validation.ok) throw new Error(`${raw.idempotencyKey} is invalid: ${JSON.stringify(validation.violations)}`);
    const { partnershipId, command, occurredAt } = validation.submission;
    const state = replayed.states[partnershipId] ?? initialPartnershipState();
    const events = decidePartnership(command, state, { now: dataset.now });
    replayed.states[partnershipId] = events.reduce(evolvePartnership, state);
    const recorded = events.map((event) => ({ event, occurredAt: new Date(occurredAt ?? '') }));
    replayed.events[partnershipId] = [...(replayed.events[partnershipId] ?? []), ...recorded];
  }
  return replayed;
}

/** The partnership as it stood at the end of `day` (midnight UTC), from the events that occurred before. */
function stateAtEndOf(replayed: Replay, partnershipId: string, day: Date): PartnershipState {
  return replayed.events[partnershipId]
    .filter(({ occurredAt }) => occurredAt.getTime() < day.getTime() + DAY_MS)
    .map(({ event }) => event)
    .reduce(evolvePartnership, initialPartnershipState());
}

function eventsOf<T extends PartnershipEventType>(replayed: Replay, partnershipId: string, type: T): (ReplayedEvent & { data: EventOfType<T>['data'] })[] {
  return replayed.events[partnershipId]
    .filter((recorded) => recorded.event.type === type)
    .map((recorded) => ({ ...recorded, data: recorded.event.data as EventOfType<T>['data'] }));
}

// A weekday afternoon, a Monday just after midnight (the current week has barely begun),
// a Sunday night four weeks after 1 March, the first days of a year, the end of February,
// early and mid March (1 March too close: Marketing-Finance goes back a year), December.
const ANCHORS = [
  '2026-05-14T15:20:00.000Z', '2026-06-01T00:30:00.000Z', '2026-03-29T23:59:00.000Z', '2027-01-02T08:00:00.000Z',
  '2028-02-29T12:00:00.000Z', '2026-03-04T10:00:00.000Z', '2026-03-17T09:00:00.000Z', '2026-12-15T16:45:00.000Z',
];

describe.each(ANCHORS)('the demo dataset loaded at %s', (anchor) => {
  const now = new Date(anchor);
  const dataset = buildDemoDataset(now);
  const today = periodOf(now, 'daily');
  let replayed: Replay;

  beforeAll(() => {
    replayed = replay(dataset);
  });

  /** From the Marketing-Finance proposal to now. */
  const financeSpan = () => dataset.calendar.since(eventsOf(replayed, 'mkt-finance', 'PartnershipProposed')[0].occurredAt);

  it('passes the ledger edge validation and every rule of the decider, submission by submission', () => {
    expect(dataset.submissions.length).toBeGreaterThan(400);
    expect(Object.keys(replayed.states).sort()).toEqual(['mkt-finance', 'mkt-it', 'mkt-sales']);
  });

  it('places every fact up to now in business-time order: the quarter partnerships inside the quarter, Marketing-Finance from before its 1 March', () => {
    const timeOf = (submission: { occurredAt?: string }) => Date.parse(submission.occurredAt ?? '');
    const times = dataset.submissions.map(timeOf);
    expect(Math.max(...times)).toBeLessThanOrEqual(now.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const firstOf = (id: string) => Math.min(...(dataset.partnerships.find((p) => p.partnershipId === id)?.submissions ?? []).map(timeOf));
    expect(firstOf('mkt-sales')).toBeGreaterThanOrEqual(dataset.calendar.start.getTime());
    expect(firstOf('mkt-it')).toBeGreaterThanOrEqual(dataset.calendar.start.getTime());
    const marchFirst = marchFirstBefore(now).getTime();
    expect(firstOf('mkt-finance')).toBeLessThan(marchFirst);
    expect(firstOf('mkt-finance')).toBeGreaterThanOrEqual(marchFirst - 6 * 7 * DAY_MS);
  });

  it('is the same dataset every time it is built for the same now, with unique idempotency keys', () => {
    expect(JSON.stringify(buildDemoDataset(new Date(anchor)).submissions)).toBe(JSON.stringify(dataset.submissions));
    const keys = dataset.submissions.map((submission) => submission.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('demo/mkt-sales/1');
  });

  it('names the quarter it was built for in every correlation id', () => {
    const correlationIds = new Set(dataset.submissions.map((submission) => submission.correlationId));
    expect([...correlationIds]).toEqual([dataset.correlationId]);
    expect(demoNowOf(dataset.correlationId)).toEqual(now);
  });

  it('activates both partnerships, and re-signs the amended Marketing-IT scope mid-quarter', () => {
    expect(replayed.states['mkt-sales'].status).toBe('active');
    expect(replayed.states['mkt-it'].agreement.versionInForce).toBe(2);
  });

  it('has contributions delivered on time, delivered late, withdrawn with a reason, and overdue', () => {
    const committed = eventsOf(replayed, 'mkt-sales', 'ContributionCommitted');
    const dueDateOf = (id: string) => committed.find(({ data }) => data.contributionId === id)?.data.dueDate ?? '';
    const deliveries = eventsOf(replayed, 'mkt-sales', 'ContributionDelivered').map(({ data, occurredAt }) => ({
      onTime: periodOf(occurredAt, 'daily') <= dueDateOf(data.contributionId),
    }));
    expect(deliveries).toEqual(expect.arrayContaining([{ onTime: true }, { onTime: false }]));
    expect(eventsOf(replayed, 'mkt-sales', 'ContributionWithdrawn')[0].data.reason).toMatch(/\w+/);
    const overdue = [...replayed.states['mkt-sales'].contributions.values()].filter(
      (contribution) => contribution.status === 'committed' && contribution.dueDate < today,
    );
    expect(overdue.map((contribution) => contribution.teamId)).toEqual(['marketing']);
  });

  it('revises the MQL definition mid-quarter, so MQL readings count under both versions', () => {
    const revisions = eventsOf(replayed, 'mkt-sales', 'VocabularyTermRevised').filter(({ data }) => data.term === 'mql');
    expect(revisions).toHaveLength(1);
    const versions = eventsOf(replayed, 'mkt-sales', 'ReadingRecorded')
      .filter(({ data }) => data.metricId === 'mql-volume')
      .map(({ data }) => data.vocabularyVersion);
    expect(new Set(versions)).toEqual(new Set([1, 2]));
    expect(versions).toHaveLength(13);
  });

  it('corrects one reading with a reason', () => {
    const corrections = eventsOf(replayed, 'mkt-sales', 'ReadingCorrected');
    expect(corrections).toHaveLength(1);
    expect(corrections[0].data.reason).toContain('deduplication');
  });

  it('has Sales-owned metrics with readings off target, and MQL-to-SQL conversion read every closed month', () => {
    const metrics = replayed.states['mkt-sales'].metrics;
    const readings = eventsOf(replayed, 'mkt-sales', 'ReadingRecorded').map(({ data }) => data);
    const offTarget = readings.filter(({ metricId, period, value }) => {
      const metric = metrics.get(metricId)!;
      const target = metric.targets[period];
      return metric.ownerTeamId === 'sales' && (metric.direction === 'higher-is-better' ? value < target : value > target);
    });
    expect(offTarget.length).toBeGreaterThan(0);
    const closedMonths = dataset.calendar.periods('monthly').filter((month) => month.end <= now).map((month) => month.period);
    expect(readings.filter(({ metricId }) => metricId === 'mql-to-sql-rate').map(({ period }) => period)).toEqual(closedMonths);
  });

  it('leaves only the current month of cost per MQL without a target', () => {
    const months = dataset.calendar.periods('monthly').map((month) => month.period);
    const currentMonth = months[months.length - 1];
    for (const [metricId, metric] of replayed.states['mkt-sales'].metrics) {
      const periods = metric.cadence === 'monthly' ? months : dataset.calendar.periods('weekly').map((week) => week.period);
      const gaps = periods.filter((period) => metric.targets[period] === undefined);
      expect({ metricId, gaps }).toEqual({ metricId, gaps: metricId === 'cost-per-mql' ? [currentMonth] : [] });
    }
  });

  it('observes about 25 first contacts in every full week, with breaches, and one week below the SLA target', () => {
    const observations = eventsOf(replayed, 'mkt-sales', 'SlaObservationRecorded').filter(({ data }) => data.slaId === 'mql-first-contact');
    const weeks = new Map<string, { total: number; met: number }>();
    for (const { data, occurredAt } of observations) {
      const week = weeks.get(periodOf(occurredAt, 'weekly')) ?? { total: 0, met: 0 };
      weeks.set(periodOf(occurredAt, 'weekly'), { total: week.total + 1, met: week.met + (data.met ? 1 : 0) });
    }
    const fullWeeks = dataset.calendar.periods('weekly').slice(1, -1).map((week) => weeks.get(week.period));
    for (const week of fullWeeks) expect(week?.total).toBeGreaterThanOrEqual(22);
    expect(fullWeeks.some((week) => week !== undefined && week.met / week.total < 0.9)).toBe(true);
    expect(observations.some(({ data }) => !data.met)).toBe(true);
  });

  it('observes first contacts in every week of last month', () => {
    const lastMonth = dataset.calendar.periods('monthly').at(-2);
    const observedWeeks = new Set(
      eventsOf(replayed, 'mkt-sales', 'SlaObservationRecorded')
        .filter(({ data, occurredAt }) => data.slaId === 'mql-first-contact' && periodOf(occurredAt, 'monthly') === lastMonth?.period)
        .map(({ occurredAt }) => periodOf(occurredAt, 'weekly')),
    );
    expect(observedWeeks.size).toBeGreaterThanOrEqual(4);
  });

  it('makes Marketing accountable for marketing technology investments in Marketing-IT since the amendment', () => {
    const rights = replayed.states['mkt-it'].decisionRights.get('marketing-technology-investments');
    expect(rights).toMatchObject({ marketing: ['accountable'], it: ['consulted'] });
    const activation = eventsOf(replayed, 'mkt-it', 'AgreementActivated').find(({ data }) => data.agreementVersion === 2);
    const assigned = eventsOf(replayed, 'mkt-it', 'DecisionRightAssigned').find(
      ({ data }) => data.decisionArea === 'marketing-technology-investments' && data.role === 'accountable' && data.teamId === 'marketing',
    );
    expect(assigned?.occurredAt.getTime()).toBeGreaterThan(activation?.occurredAt.getTime() ?? Infinity);
  });

  it('gives each of the ten technology project steps a RACI with one accountable team', () => {
    const areas = [...replayed.states['mkt-it'].decisionRights];
    expect(areas).toHaveLength(11);
    for (const [, rolesByTeam] of areas) {
      expect(Object.values(rolesByTeam).flat().filter((role) => role === 'accountable')).toHaveLength(1);
    }
  });

  it('answers what the Marketing-Finance agreement said on 1 March: version 1 then, the amended version 2 now', () => {
    const marchFirst = marchFirstBefore(now);
    const then = stateAtEndOf(replayed, 'mkt-finance', marchFirst);
    const today = replayed.states['mkt-finance'];
    expect(then).toMatchObject({ status: 'active', agreement: { versionInForce: 1, currentVersion: 1 } });
    expect(today).toMatchObject({ status: 'active', agreement: { versionInForce: 2, currentVersion: 2 } });
    expect(today.agreement.scope).not.toEqual(then.agreement.scope);
    const dutiesOf = (state: PartnershipState) => state.agreement.scope?.responsibilities.flatMap(({ duties }) => duties).join(' ');
    expect(dutiesOf(then)).toContain('25,000 EUR');
    expect(dutiesOf(today)).toContain('75,000 EUR');
    const amended = eventsOf(replayed, 'mkt-finance', 'ScopeAmended');
    expect(amended).toHaveLength(1);
    expect(amended[0].occurredAt.getTime()).toBeGreaterThan(marchFirst.getTime() + DAY_MS);
  });

  it('changes the terms of the marketing budget and the budget variance target with the Marketing-Finance amendment', () => {
    const then = stateAtEndOf(replayed, 'mkt-finance', marchFirstBefore(now));
    const today = replayed.states['mkt-finance'];
    const reallocationOf = (state: PartnershipState) => state.assets.get('marketing-budget')?.usage.find(({ name }) => name === 'reallocation')?.value;
    expect(reallocationOf(then)).toContain('25,000 EUR');
    expect(reallocationOf(today)).toContain('75,000 EUR');
    const amendedAt = eventsOf(replayed, 'mkt-finance', 'AgreementActivated').find(({ data }) => data.agreementVersion === 2)?.occurredAt ?? now;
    const months = financeSpan().periods('monthly');
    const targets = today.metrics.get('budget-variance')!.targets;
    expect(months.map(({ period }) => [period, targets[period]])).toEqual(months.map(({ period, start }) => [period, start > amendedAt ? 3 : 5]));
  });

  it('reads Marketing-Finance CAC and budget variance for every closed month since the proposal, and ROMI for every closed quarter', () => {
    const closed = (cadence: 'monthly' | 'quarterly') => financeSpan().periods(cadence).filter(({ end }) => end <= now).map(({ period }) => period);
    const readPeriodsOf = (metricId: string) =>
      eventsOf(replayed, 'mkt-finance', 'ReadingRecorded').filter(({ data }) => data.metricId === metricId).map(({ data }) => data.period);
    expect(readPeriodsOf('customer-acquisition-cost')).toEqual(closed('monthly'));
    expect(readPeriodsOf('budget-variance')).toEqual(closed('monthly'));
    expect(readPeriodsOf('romi')).toEqual(closed('quarterly'));
    expect([...replayed.states['mkt-finance'].metrics.values()].map(({ ownerTeamId }) => ownerTeamId).sort()).toEqual(['finance', 'finance', 'marketing']);
  });

  it('delivers the Marketing-Finance contributions, the spend ledger access after its due date', () => {
    const committed = eventsOf(replayed, 'mkt-finance', 'ContributionCommitted');
    const lateness = eventsOf(replayed, 'mkt-finance', 'ContributionDelivered').map(({ data, occurredAt }) => [
      data.contributionId,
      periodOf(occurredAt, 'daily') > (committed.find((commitment) => commitment.data.contributionId === data.contributionId)?.data.dueDate ?? ''),
    ]);
    expect(Object.fromEntries(lateness)).toEqual({
      'finance-business-partner': false, 'marketing-campaign-cost-tagging': false, 'finance-spend-ledger-access': true,
    });
  });

  it('consults Sales, no partner, on Marketing-Finance budget allocation, and records decisions only under a deciding right', () => {
    const rights = replayed.states['mkt-finance'].decisionRights;
    expect(rights.get('marketing-budget-allocation')).toEqual({ finance: ['accountable'], marketing: ['responsible'], sales: ['consulted'] });
    const decisions = eventsOf(replayed, 'mkt-finance', 'DecisionRecorded').map(({ data }) => data);
    expect(decisions.length).toBeGreaterThanOrEqual(5);
    expect(new Set(decisions.map(({ decidedBy, authority }) => `${decidedBy} as ${authority}`))).toEqual(
      new Set(['finance as accountable', 'marketing as accountable', 'marketing as responsible']),
    );
  });

  it('observes each region\'s monthly spend report close on a business day, four regions a month', () => {
    const observations = eventsOf(replayed, 'mkt-finance', 'SlaObservationRecorded');
    expect(observations.length).toBeGreaterThanOrEqual(4);
    expect(observations.every(({ occurredAt }) => ![0, 6].includes(occurredAt.getUTCDay()))).toBe(true);
    const regionsPerMonth = new Map<string, number>();
    for (const { data } of observations) {
      const month = data.observationId.slice('spend-report-'.length, 'spend-report-YYYY-MM'.length);
      regionsPerMonth.set(month, (regionsPerMonth.get(month) ?? 0) + 1);
    }
    const counts = [...regionsPerMonth.values()];
    expect(counts.slice(0, -1).every((count) => count === 4)).toBe(true);
    expect(observations.every(({ data }) => data.met === data.value <= 5)).toBe(true);
  });
});

describe('reading the demo quarter back from a correlation id', () => {
  it('finds nothing in a correlation id the demo did not write', () => {
    expect(demoNowOf('k1')).toBeNull();
    expect(demoNowOf('demo-quarter-ending-yesterday')).toBeNull();
  });
});

describe('the 1 March the Marketing-Finance demo is anchored on', () => {
  it.each([
    ['2026-05-14T15:20:00Z', '2026-03-01'],
    ['2026-03-29T23:59:00Z', '2026-03-01'],
    ['2026-03-29T00:00:00Z', '2025-03-01'],
    ['2026-03-17T09:00:00Z', '2025-03-01'],
    ['2026-03-04T10:00:00Z', '2025-03-01'],
    ['2026-12-15T16:45:00Z', '2026-03-01'],
    ['2027-01-02T08:00:00Z', '2026-03-01'],
    ['2028-03-29T12:00:00Z', '2028-03-01'],
    ['2028-03-28T12:00:00Z', '2027-03-01'],
  ])('is, for now %s, the most recent 1 March more than four weeks earlier: %s', (now, marchFirst) => {
    expect(marchFirstBefore(new Date(now)).toISOString()).toBe(`${marchFirst}T00:00:00.000Z`);
  });
});
