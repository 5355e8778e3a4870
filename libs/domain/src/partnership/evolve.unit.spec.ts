import {
  ASSET_KINDS,
  CADENCES,
  CONTRIBUTION_KINDS,
  INDICATOR_KINDS,
  METRIC_DIRECTIONS,
  RACI_ROLES,
  SLA_COMPARATORS,
  type EventOfType,
  type PartnershipEvent,
  type PartnershipEventType,
} from '@ledger/contracts';
import fc from 'fast-check';
import { FINANCE, MARKETING, SALES, aScope, activePartnership, agreementActivated, metricDefined, stateAfter } from '../testing';
import { evolvePartnership, replayPartnership } from './evolve';
import { initialPartnershipState, partnershipStateAsJson, type PartnershipState } from './state';

/** Ids include names every plain object inherits, which must still be just ids. */
const anId = fc.constantFrom('a', 'b', 'constructor', '__proto__', 'toString');
const aTeam = fc.constantFrom(MARKETING, SALES, FINANCE);
const aText = fc.string({ maxLength: 6 });
// Integers: JSON has no -0, and a value read back from the store never is one.
const aNumber = fc.integer();
const aVersion = fc.integer({ min: 0, max: 3 });

function anEventOf<T extends PartnershipEventType>(type: T, data: fc.Arbitrary<EventOfType<T>['data']>): fc.Arbitrary<PartnershipEvent> {
  return data.map((eventData) => ({ type, data: eventData }) as PartnershipEvent);
}

/** Any recorded event, including ones today's rules would refuse: history is whatever was recorded. */
const anyEvent: fc.Arbitrary<PartnershipEvent> = fc.oneof(
  anEventOf('PartnershipProposed', fc.record({
    partnershipId: anId,
    name: aText,
    partners: fc.array(fc.record({ teamId: aTeam, displayName: aText }), { maxLength: 3 }),
    proposedBy: aTeam,
  })),
  anEventOf('ScopeDefined', fc.record({ agreementVersion: aVersion, scope: fc.constant(aScope()) })),
  anEventOf('ScopeAmended', fc.record({ agreementVersion: aVersion, scope: fc.constant(aScope()), reason: aText })),
  anEventOf('AgreementSigned', fc.record({ agreementVersion: aVersion, teamId: aTeam, signatory: aText })),
  anEventOf('AgreementActivated', fc.record({ agreementVersion: aVersion })),
  anEventOf('ContributionCommitted', fc.record({
    contributionId: anId,
    teamId: aTeam,
    kind: fc.constantFrom(...CONTRIBUTION_KINDS),
    description: aText,
    dueDate: aText,
  })),
  anEventOf('ContributionDelivered', fc.record({ contributionId: anId, teamId: aTeam, evidence: fc.constant([]) })),
  anEventOf('ContributionWithdrawn', fc.record({ contributionId: anId, teamId: aTeam, reason: aText })),
  anEventOf('MetricDefined', fc.record({
    metricId: anId,
    name: aText,
    definition: aText,
    ownerTeamId: aTeam,
    indicator: fc.constantFrom(...INDICATOR_KINDS),
    unit: aText,
    direction: fc.constantFrom(...METRIC_DIRECTIONS),
    cadence: fc.constantFrom(...CADENCES),
  })),
  anEventOf('MetricOwnershipTransferred', fc.record({ metricId: anId, fromTeamId: aTeam, toTeamId: aTeam, reason: aText })),
  anEventOf('MetricTargetSet', fc.record({ metricId: anId, period: anId, target: aNumber })),
  anEventOf('MetricRetired', fc.record({ metricId: anId, reason: aText })),
  anEventOf('ReadingRecorded', fc.record({ readingId: anId, metricId: anId, period: aText, value: aNumber })),
  anEventOf('ReadingCorrected', fc.record({
    readingId: anId,
    metricId: anId,
    period: aText,
    previousValue: aNumber,
    correctedValue: aNumber,
    reason: aText,
  })),
  anEventOf('DecisionRightAssigned', fc.record({ decisionArea: anId, teamId: anId, role: fc.constantFrom(...RACI_ROLES) })),
  anEventOf('DecisionRightRevoked', fc.record({ decisionArea: anId, teamId: anId, role: fc.constantFrom(...RACI_ROLES), reason: aText })),
  anEventOf('DecisionRecorded', fc.record({
    decisionId: anId,
    decisionArea: anId,
    decidedBy: aTeam,
    authority: fc.constantFrom(...RACI_ROLES),
    title: aText,
  })),
  anEventOf('AssetRegistered', fc.record({
    assetId: anId,
    name: aText,
    kind: fc.constantFrom(...ASSET_KINDS),
    ownerTeamId: aTeam,
    steward: aText,
    usage: fc.constant([]),
  })),
  anEventOf('AssetUsageAmended', fc.record({ assetId: anId, steward: aText, usage: fc.constant([]), reason: aText })),
  anEventOf('SlaDefined', fc.record({
    slaId: anId,
    name: aText,
    providerTeamId: aTeam,
    beneficiaryTeamId: aTeam,
    measure: aText,
    unit: aText,
    threshold: fc.record({ comparator: fc.constantFrom(...SLA_COMPARATORS), value: aNumber }),
    complianceTarget: aNumber,
    compliancePeriod: fc.constantFrom(...CADENCES),
  })),
  anEventOf('SlaObservationRecorded', fc.record({ observationId: anId, slaId: anId, value: aNumber, met: fc.boolean() })),
  anEventOf('VocabularyTermDefined', fc.record({ term: anId, version: aVersion, definition: aText })),
  anEventOf('VocabularyTermRevised', fc.record({ term: anId, version: aVersion, definition: aText, reason: aText })),
  anEventOf('PartnershipSuspended', fc.record({ reason: aText })),
  anEventOf('PartnershipResumed', fc.record({ reason: aText })),
  anEventOf('PartnershipTerminated', fc.record({ reason: aText })),
);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

describe('evolving a partnership from its history', () => {
  it('starts from an empty stream: no status, version 0', () => {
    expect(initialPartnershipState()).toMatchObject({ status: null, partners: [], version: 0 });
  });

  it('counts every applied event in the version', () => {
    expect(stateAfter(activePartnership).version).toBe(activePartnership.length);
  });

  it('replays any recorded history without throwing, never changing a state it was given', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), (events) => {
        const final = events.reduce<PartnershipState>(
          (state, event) => evolvePartnership(deepFreeze(state), event),
          initialPartnershipState(),
        );
        expect(final.version).toBe(events.length);
      }),
    );
  });

  it('replays a whole history to the same state as evolving it event by event', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), (events) => {
        expect(replayPartnership(events)).toEqual(stateAfter(events));
      }),
    );
  });

  it('replays onward from a given state without changing that state', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 20 }), fc.array(anyEvent, { maxLength: 20 }), (earlier, later) => {
        const from = deepFreeze(replayPartnership(earlier));
        expect(replayPartnership(later, from)).toEqual(stateAfter([...earlier, ...later]));
      }),
    );
  });

  it('shows as plain JSON that survives a round trip unchanged, with every entry of every map', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 40 }), (events) => {
        const state = stateAfter(events);
        const json = partnershipStateAsJson(state);
        expect(JSON.parse(JSON.stringify(json))).toEqual(json);
        expect(Object.keys(json.observationIds).sort()).toEqual([...state.observationIds.keys()].sort());
        expect(Object.keys(json.contributions).sort()).toEqual([...state.contributions.keys()].sort());
      }),
    );
  });

  it('keeps an id such as __proto__ or constructor as an entry of the JSON, not a property of objects', () => {
    const observed = (observationId: string): PartnershipEvent => ({
      type: 'SlaObservationRecorded',
      data: { observationId, slaId: 'sla-1', value: 1, met: true },
    });
    const json = partnershipStateAsJson(stateAfter([...activePartnership, observed('__proto__'), observed('constructor')]));
    expect(Object.keys(json.observationIds).sort()).toEqual(['__proto__', 'constructor']);
    expect(JSON.parse(JSON.stringify(json)).observationIds).toEqual(json.observationIds);
    expect(Object.getPrototypeOf(json.observationIds)).toBe(Object.prototype);
  });

  it.each([
    ['suspended', { type: 'PartnershipSuspended', data: { reason: 'Re-org' } }],
    ['terminated', { type: 'PartnershipTerminated', data: { reason: 'Superseded' } }],
  ] as const)('leaves a %s partnership so when a recorded activation follows', (status, event) => {
    expect(stateAfter([...activePartnership, event, agreementActivated(1)]).status).toBe(status);
  });

  it('tolerates a recorded event about something it does not know', () => {
    const delivered: PartnershipEvent = { type: 'ContributionDelivered', data: { contributionId: 'ghost', teamId: SALES, evidence: [] } };
    expect(stateAfter([...activePartnership, delivered]).contributions.size).toBe(0);
  });

  it('keeps a corrected reading even when its original is missing from the history', () => {
    const corrected: PartnershipEvent = {
      type: 'ReadingCorrected',
      data: { readingId: 'r-1', metricId: 'mql-volume', period: '2025-03', previousValue: 1, correctedValue: 2, reason: 'Fix' },
    };
    expect(stateAfter([...activePartnership, metricDefined(), corrected]).readings.toJSON()).toEqual({
      'r-1': { metricId: 'mql-volume', period: '2025-03', value: 2 },
    });
  });

  it('lets an event type from a newer release pass, changing nothing but the version', () => {
    const before = stateAfter(activePartnership);
    const fromTheFuture = { type: 'PartnershipRenamed', data: { name: 'New name' } } as unknown as PartnershipEvent;
    expect(evolvePartnership(before, fromTheFuture)).toStrictEqual({ ...before, version: before.version + 1 });
  });
});
