/**
 * How history builds a partnership's state, one recorded event at a time. Recorded
 * events are the truth: evolving never judges them and never throws, even for an event
 * the decider would refuse today (a reference to something unknown is simply tolerated),
 * so any stored stream can always be replayed. Neither entry point ever changes the
 * state it is given: a cached state stays valid if an append later fails.
 */
import type { EventOfType, PartnershipEvent, PartnershipEventType, RaciRole, TeamId } from '@ledger/contracts';
import { copyingWriter, ownEntry, transientWriter, type RecordWriter } from './records';
import {
  initialPartnershipState,
  type ContributionState,
  type ContributionStatus,
  type MetricState,
  type PartnershipState,
} from './state';

/** One event applied to the state. */
export function evolvePartnership(state: PartnershipState, event: PartnershipEvent): PartnershipState {
  return applyEvent(state, event, copyingWriter);
}

/**
 * A whole history applied at once, with the same result as folding `evolvePartnership`
 * over it, in linear rather than quadratic time (see `records.ts`). Use it to load a stream.
 */
export function replayPartnership(
  events: readonly PartnershipEvent[],
  from: PartnershipState = initialPartnershipState(),
): PartnershipState {
  const write = transientWriter();
  return events.reduce((state, event) => applyEvent(state, event, write), from);
}

type Evolver<T extends PartnershipEventType> = (
  state: PartnershipState,
  data: EventOfType<T>['data'],
  write: RecordWriter,
) => PartnershipState;

function applyEvent(state: PartnershipState, event: PartnershipEvent, write: RecordWriter): PartnershipState {
  // An event type recorded by a newer release changes nothing but the version, rather than breaking the replay.
  if (!Object.hasOwn(EVOLVERS, event.type)) return { ...state, version: state.version + 1 };
  // The table pairs each type with its own evolver; TypeScript cannot follow that pairing through a union.
  const evolve = EVOLVERS[event.type] as Evolver<PartnershipEventType>;
  return { ...evolve(state, event.data, write), version: state.version + 1 };
}

/** What each event changes; the mapped type makes a missing event type a compile error. */
const EVOLVERS: { readonly [T in PartnershipEventType]: Evolver<T> } = {
  PartnershipProposed: (state, { partnershipId, name, partners }) => ({ ...state, status: 'proposed', partnershipId, name, partners }),
  ScopeDefined: (state, { agreementVersion, scope }) => ({
    ...state,
    agreement: { ...state.agreement, currentVersion: agreementVersion, scope },
  }),
  ScopeAmended: (state, { agreementVersion, scope }) => ({
    ...state,
    agreement: { ...state.agreement, currentVersion: agreementVersion, scope },
  }),
  AgreementSigned: (state, { agreementVersion, teamId, signatory }) => {
    const signaturesOfVersion = { ...ownEntry(state.agreement.signatures, String(agreementVersion)), [teamId]: signatory };
    const signatures = { ...state.agreement.signatures, [agreementVersion]: signaturesOfVersion };
    return { ...state, agreement: { ...state.agreement, signatures } };
  },
  AgreementActivated: (state, { agreementVersion }) => ({
    ...state,
    // An amendment activated later leaves an active (or suspended) partnership as it is.
    status: state.status === 'proposed' ? 'active' : state.status,
    agreement: { ...state.agreement, versionInForce: agreementVersion },
  }),

  ContributionCommitted: (state, { contributionId, teamId, dueDate }, write) => {
    const contribution: ContributionState = { teamId, dueDate, status: 'committed' };
    return { ...state, contributions: write.put(state.contributions, contributionId, contribution) };
  },
  ContributionDelivered: (state, { contributionId }, write) => withContributionStatus(state, contributionId, 'delivered', write),
  ContributionWithdrawn: (state, { contributionId }, write) => withContributionStatus(state, contributionId, 'withdrawn', write),

  MetricDefined: (state, { metricId, ownerTeamId, cadence, direction, vocabularyTerm }, write) => {
    const metric: MetricState = { ownerTeamId, cadence, direction, retirement: null, targets: {} };
    const defined = vocabularyTerm === undefined ? metric : { ...metric, vocabularyTerm };
    return { ...state, metrics: write.put(state.metrics, metricId, defined) };
  },
  MetricOwnershipTransferred: (state, { metricId, toTeamId }, write) => ({
    ...state,
    metrics: patch(state.metrics, metricId, (metric) => ({ ...metric, ownerTeamId: toTeamId }), write),
  }),
  MetricTargetSet: (state, { metricId, period, target }, write) => ({
    ...state,
    metrics: patch(state.metrics, metricId, (metric) => ({ ...metric, targets: write.put(metric.targets, period, target) }), write),
  }),
  MetricRetired: (state, { metricId, reason }, write) => ({
    ...state,
    metrics: patch(state.metrics, metricId, (metric) => ({ ...metric, retirement: { reason } }), write),
  }),
  ReadingRecorded: (state, { readingId, metricId, period, value }, write) => ({
    ...state,
    readings: write.put(state.readings, readingId, { metricId, period, value }),
  }),
  ReadingCorrected: (state, { readingId, metricId, period, correctedValue }, write) => ({
    ...state,
    readings: write.put(state.readings, readingId, { metricId, period, value: correctedValue }),
  }),

  DecisionRightAssigned: (state, { decisionArea, teamId, role }, write) =>
    withRolesOf(state, { decisionArea, teamId }, (roles) => (roles.includes(role) ? roles : [...roles, role]), write),
  DecisionRightRevoked: (state, { decisionArea, teamId, role }, write) =>
    withRolesOf(state, { decisionArea, teamId }, (roles) => roles.filter((held) => held !== role), write),
  DecisionRecorded: (state, { decisionId }, write) => ({ ...state, decisionIds: write.put(state.decisionIds, decisionId, true) }),

  AssetRegistered: (state, { assetId, ownerTeamId, steward, usage }, write) => ({
    ...state,
    assets: write.put(state.assets, assetId, { ownerTeamId, steward, usage }),
  }),
  AssetUsageAmended: (state, { assetId, steward, usage }, write) => ({
    ...state,
    assets: patch(state.assets, assetId, (asset) => ({ ...asset, steward, usage }), write),
  }),

  SlaDefined: (state, { slaId, providerTeamId, beneficiaryTeamId, threshold, complianceTarget, compliancePeriod }, write) => ({
    ...state,
    slas: write.put(state.slas, slaId, { providerTeamId, beneficiaryTeamId, threshold, complianceTarget, compliancePeriod }),
  }),
  SlaObservationRecorded: (state, { observationId }, write) => ({
    ...state,
    observationIds: write.put(state.observationIds, observationId, true),
  }),

  VocabularyTermDefined: withTermVersion,
  VocabularyTermRevised: withTermVersion,

  PartnershipSuspended: (state) => ({ ...state, status: 'suspended' }),
  PartnershipResumed: (state) => ({ ...state, status: 'active' }),
  PartnershipTerminated: (state) => ({ ...state, status: 'terminated' }),
};

/** The record with one entry changed; an unknown id leaves the record as it is. */
function patch<T>(record: Record<string, T>, id: string, change: (entry: T) => T, write: RecordWriter): Record<string, T> {
  const entry = ownEntry(record, id);
  return entry === undefined ? record : write.put(record, id, change(entry));
}

function withContributionStatus(
  state: PartnershipState,
  contributionId: string,
  status: ContributionStatus,
  write: RecordWriter,
): PartnershipState {
  const contributions = patch(state.contributions, contributionId, (contribution) => ({ ...contribution, status }), write);
  return { ...state, contributions };
}

/** Changes one team's roles in one area, dropping the team (and the area) once nothing is left. */
function withRolesOf(
  state: PartnershipState,
  { decisionArea, teamId }: { decisionArea: string; teamId: TeamId },
  change: (roles: RaciRole[]) => RaciRole[],
  write: RecordWriter,
): PartnershipState {
  const area = ownEntry(state.decisionRights, decisionArea) ?? {};
  const roles = change(ownEntry(area, teamId) ?? []);
  const changedArea = roles.length > 0 ? write.put(area, teamId, roles) : write.remove(area, teamId);
  const decisionRights =
    Object.keys(changedArea).length > 0
      ? write.put(state.decisionRights, decisionArea, changedArea)
      : write.remove(state.decisionRights, decisionArea);
  return { ...state, decisionRights };
}

/** A definition and a revision both add a version; the latest is the one in force. */
function withTermVersion(
  state: PartnershipState,
  { term, version, definition }: EventOfType<'VocabularyTermDefined' | 'VocabularyTermRevised'>['data'],
  write: RecordWriter,
): PartnershipState {
  const known = ownEntry(state.vocabulary, term) ?? { latestVersion: 0, definitions: {} };
  const revised = {
    latestVersion: Math.max(known.latestVersion, version),
    definitions: { ...known.definitions, [version]: definition },
  };
  return { ...state, vocabulary: write.put(state.vocabulary, term, revised) };
}
