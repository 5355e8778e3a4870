/**
 * Random but plausible ledger histories, for checking that batched writes reach the
 * same views as one write at a time. A fast-check arbitrary draws a list of steps; an
 * interpreter turns each into an event that refers to things earlier steps created,
 * so rows get created, updated many times, revoked and re-assigned, across partnerships.
 * A step with nothing to refer to yet creates something instead.
 */
import { CADENCES, RACI_ROLES, type Cadence, type EventEnvelope, type PartnershipEvent } from '@ledger/contracts';
import { periodOf } from '@ledger/domain';
import fc from 'fast-check';
import { LedgerHistoryBuilder } from './ledger-history-builder';

const TEAMS = ['marketing', 'sales', 'it', 'finance'];
const AREAS = ['campaign-budget', 'lead-routing', 'vendor-selection'];

interface Step {
  kind: StepKind;
  partnership: number;
  pick: number;
  value: number;
}

interface Memory {
  contributions: string[];
  metrics: { id: string; cadence: Cadence; owner: string }[];
  readings: { id: string; metricId: string; period: string; value: number }[];
  assets: string[];
  slas: string[];
  termVersions: number;
  agreementVersion: number;
  steps: number;
}

/** What a step means, given what the partnership has so far; null when it has nothing to refer to. */
interface StepContext {
  step: Step;
  memory: Memory;
  at: Date;
  id: string;
  team: string;
}

const pickFrom = <T>(items: readonly T[], pick: number): T => items[pick % items.length];
const pickOrNull = <T>(items: readonly T[], pick: number): T | null => (items.length ? pickFrom(items, pick) : null);

const STEPS = {
  deliver: ({ memory, step, id, team }: StepContext): PartnershipEvent | null => {
    const contributionId = pickOrNull(memory.contributions, step.pick);
    return contributionId === null ? null : { type: 'ContributionDelivered', data: { contributionId, teamId: team, evidence: [{ description: id }] } };
  },
  withdraw: ({ memory, step, id, team }: StepContext): PartnershipEvent | null => {
    const contributionId = pickOrNull(memory.contributions, step.pick);
    return contributionId === null ? null : { type: 'ContributionWithdrawn', data: { contributionId, teamId: team, reason: id } };
  },
  transfer: ({ memory, step, id, team }: StepContext): PartnershipEvent | null => {
    const metric = pickOrNull(memory.metrics, step.pick);
    if (!metric) return null;
    const fromTeamId = metric.owner;
    metric.owner = team;
    return { type: 'MetricOwnershipTransferred', data: { metricId: metric.id, fromTeamId, toTeamId: team, reason: id } };
  },
  target: ({ memory, step, at }: StepContext): PartnershipEvent | null => {
    const metric = pickOrNull(memory.metrics, step.pick);
    if (!metric) return null;
    return { type: 'MetricTargetSet', data: { metricId: metric.id, period: periodOf(at, metric.cadence), target: step.value } };
  },
  retire: ({ memory, step, id }: StepContext): PartnershipEvent | null => {
    const metric = pickOrNull(memory.metrics, step.pick);
    return metric === null ? null : { type: 'MetricRetired', data: { metricId: metric.id, reason: id } };
  },
  read: ({ memory, step, at, id }: StepContext): PartnershipEvent | null => {
    const metric = pickOrNull(memory.metrics, step.pick);
    if (!metric) return null;
    const reading = { id, metricId: metric.id, period: periodOf(at, metric.cadence), value: step.value };
    memory.readings.push(reading);
    const vocabularyVersion = memory.termVersions || undefined;
    return { type: 'ReadingRecorded', data: { readingId: id, metricId: metric.id, period: reading.period, value: step.value, vocabularyVersion } };
  },
  correct: ({ memory, step, id }: StepContext): PartnershipEvent | null => {
    const reading = pickOrNull(memory.readings, step.pick);
    if (!reading) return null;
    const previousValue = reading.value;
    reading.value = step.value;
    const { metricId, period } = reading;
    return { type: 'ReadingCorrected', data: { readingId: reading.id, metricId, period, previousValue, correctedValue: step.value, reason: id } };
  },
  assign: ({ step, team }: StepContext): PartnershipEvent => ({
    type: 'DecisionRightAssigned',
    data: { decisionArea: pickFrom(AREAS, step.value), teamId: team, role: pickFrom(RACI_ROLES, step.pick >> 2) },
  }),
  revoke: ({ step, team, id }: StepContext): PartnershipEvent => ({
    type: 'DecisionRightRevoked',
    data: { decisionArea: pickFrom(AREAS, step.value), teamId: team, role: pickFrom(RACI_ROLES, step.pick >> 2), reason: id },
  }),
  decide: ({ step, team, id }: StepContext): PartnershipEvent => ({
    type: 'DecisionRecorded',
    data: { decisionId: id, decisionArea: pickFrom(AREAS, step.value), decidedBy: team, authority: pickFrom(RACI_ROLES, step.pick), title: id },
  }),
  amendAsset: ({ memory, step, id }: StepContext): PartnershipEvent | null => {
    const assetId = pickOrNull(memory.assets, step.pick);
    const usage = [{ name: 'limit', value: String(step.value) }];
    return assetId === null ? null : { type: 'AssetUsageAmended', data: { assetId, steward: id, usage, reason: id } };
  },
  observe: ({ memory, step, id }: StepContext): PartnershipEvent | null => {
    const slaId = pickOrNull(memory.slas, step.pick);
    return slaId === null ? null : { type: 'SlaObservationRecorded', data: { observationId: id, slaId, value: step.value, met: step.value % 3 !== 0 } };
  },
  term: ({ memory, id }: StepContext): PartnershipEvent => {
    memory.termVersions += 1;
    const version = memory.termVersions;
    return version === 1
      ? { type: 'VocabularyTermDefined', data: { term: 'mql', version, definition: id } }
      : { type: 'VocabularyTermRevised', data: { term: 'mql', version, definition: id, reason: id } };
  },
  scope: ({ memory, id }: StepContext): PartnershipEvent => {
    memory.agreementVersion += 1;
    const agreementVersion = memory.agreementVersion;
    return agreementVersion === 1
      ? { type: 'ScopeDefined', data: { agreementVersion, scope: scopeNamed(id) } }
      : { type: 'ScopeAmended', data: { agreementVersion, scope: scopeNamed(id), reason: id } };
  },
  sign: ({ memory, step, team, id }: StepContext): PartnershipEvent => {
    // Version 1 may not be defined yet: its activation then updates a row that does not exist.
    const agreementVersion = Math.max(memory.agreementVersion, 1);
    return step.value % 2 === 0
      ? { type: 'AgreementSigned', data: { agreementVersion, teamId: team, signatory: id } }
      : { type: 'AgreementActivated', data: { agreementVersion } };
  },
  lifecycle: ({ step, id }: StepContext): PartnershipEvent => {
    const type = pickFrom(['PartnershipSuspended', 'PartnershipResumed', 'PartnershipTerminated'] as const, step.value);
    return { type, data: { reason: id } };
  },
  create: (context: StepContext): PartnershipEvent => creation(context),
};

type StepKind = keyof typeof STEPS;

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom(...(Object.keys(STEPS) as StepKind[])),
  partnership: fc.integer({ min: 0, max: 2 }),
  pick: fc.nat({ max: 1000 }),
  value: fc.integer({ min: 0, max: 500 }),
});

export function randomHistoryArbitrary({ minSteps = 20, maxSteps = 300 } = {}): fc.Arbitrary<EventEnvelope[]> {
  return fc.array(stepArbitrary, { minLength: minSteps, maxLength: maxSteps, size: 'max' }).map(interpretSteps);
}

function interpretSteps(steps: readonly Step[]): EventEnvelope[] {
  const history = new LedgerHistoryBuilder();
  const memories = new Map<string, Memory>();
  let clock = Date.parse('2025-01-01T08:00:00Z');
  for (const step of steps) {
    clock += (step.value + 1) * 60_000;
    const at = new Date(clock);
    const partnershipId = `p${step.partnership}`;
    let memory = memories.get(partnershipId);
    if (!memory) {
      memory = { contributions: [], metrics: [], readings: [], assets: [], slas: [], termVersions: 0, agreementVersion: 0, steps: 0 };
      memories.set(partnershipId, memory);
      history.record(partnershipId, at.toISOString(), proposal(partnershipId));
    }
    memory.steps += 1;
    const context = { step, memory, at, id: `${step.kind}-${memory.steps}`, team: pickFrom(TEAMS, step.pick) };
    history.record(partnershipId, at.toISOString(), STEPS[step.kind](context) ?? creation(context));
  }
  return [...history.events];
}

function proposal(partnershipId: string): PartnershipEvent {
  const partners = TEAMS.map((teamId) => ({ teamId, displayName: teamId }));
  return { type: 'PartnershipProposed', data: { partnershipId, name: partnershipId, partners, proposedBy: 'marketing' } };
}

/** Creates a contribution, a metric, an asset or an SLA, for later steps to refer to. */
function creation({ step, memory, id, team }: StepContext): PartnershipEvent {
  const cadence = pickFrom(CADENCES, step.value);
  switch (step.pick % 4) {
    case 0: {
      memory.contributions.push(id);
      const dueDate = `2025-0${1 + (step.value % 6)}-1${step.value % 10}`;
      return { type: 'ContributionCommitted', data: { contributionId: id, teamId: team, kind: 'people', description: id, dueDate } };
    }
    case 1: {
      memory.metrics.push({ id, cadence, owner: team });
      const indicator = step.value % 2 ? 'leading' : 'lagging';
      const direction = step.value % 3 ? 'higher-is-better' : 'lower-is-better';
      return {
        type: 'MetricDefined',
        data: { metricId: id, name: id, definition: id, ownerTeamId: team, indicator, unit: 'u', direction, cadence, vocabularyTerm: 'mql' },
      };
    }
    case 2:
      memory.assets.push(id);
      return { type: 'AssetRegistered', data: { assetId: id, name: id, kind: 'data', ownerTeamId: team, steward: id, usage: [] } };
    default: {
      memory.slas.push(id);
      const threshold = { comparator: 'at-most' as const, value: 100 };
      return {
        type: 'SlaDefined',
        data: {
          slaId: id, name: id, providerTeamId: team, beneficiaryTeamId: 'marketing', measure: id, unit: 'h', threshold,
          complianceTarget: 0.9, compliancePeriod: cadence,
        },
      };
    }
  }
}

function scopeNamed(text: string) {
  return {
    priorities: [text],
    programFocusAreas: [],
    evaluationProcess: text,
    reportingRequirements: [],
    outputMeasures: [],
    dataManagement: text,
    responsibilities: [],
  };
}
