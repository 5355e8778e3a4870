/**
 * How history builds a partnership's state, one recorded event at a time. Recorded
 * events are the truth: evolving never judges them and never throws, even for an event
 * the decider would refuse today (a reference to something unknown is simply tolerated),
 * so any stored stream can always be replayed. Evolving never changes the state it is
 * given (see `state.ts`): a cached state stays valid if an append later fails.
 */
import type { EventOfType, PartnershipEvent, PartnershipEventType, RaciRole, TeamId } from '@ledger/contracts';
import { ownEntry, withEntry, withoutEntry } from './records';
import {
  initialPartnershipState,
  type ContributionState,
  type ContributionStatus,
  type Entries,
  type MetricState,
  type PartnershipState,
} from './state';

/** One event applied to the state. */
export function evolvePartnership(state: PartnershipState, event: PartnershipEvent): PartnershipState {
  // An event type recorded by a newer release changes nothing but the version, rather than breaking the replay.
  if (!Object.hasOwn(EVOLVERS, event.type)) return { ...state, version: state.version + 1 };
  // The table pairs each type with its own evolver; TypeScript cannot follow that pairing through a union.
  const evolve = EVOLVERS[event.type] as Evolver<PartnershipEventType>;
  return { ...evolve(state, event.data), version: state.version + 1 };
}

/** A whole history applied at once, from `from` (the empty stream unless given): how a stream is loaded. */
export function replayPartnership(
  events: readonly PartnershipEvent[],
  from: PartnershipState = initialPartnershipState(),
): PartnershipState {
  return events.reduce(evolvePartnership, from);
}

type Evolver<T extends PartnershipEventType> = (state: PartnershipState, data: EventOfType<T>['data']) => PartnershipState;

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
    const signaturesOfVersion = withEntry(ownEntry(state.agreement.signatures, String(agreementVersion)) ?? {}, teamId, signatory);
    const signatures = withEntry(state.agreement.signatures, agreementVersion, signaturesOfVersion);
    return { ...state, agreement: { ...state.agreement, signatures } };
  },
  AgreementActivated: (state, { agreementVersion }) => ({
    ...state,
    // An amendment activated later leaves an active (or suspended) partnership as it is.
    status: state.status === 'proposed' ? 'active' : state.status,
    agreement: { ...state.agreement, versionInForce: agreementVersion },
  }),

  ContributionCommitted: (state, { contributionId, teamId, dueDate }) => {
    const contribution: ContributionState = { teamId, dueDate, status: 'committed' };
    return { ...state, contributions: state.contributions.set(contributionId, contribution) };
  },
  ContributionDelivered: (state, { contributionId }) => withContributionStatus(state, contributionId, 'delivered'),
  ContributionWithdrawn: (state, { contributionId }) => withContributionStatus(state, contributionId, 'withdrawn'),

  MetricDefined: (state, { metricId, ownerTeamId, cadence, direction, vocabularyTerm }) => {
    const metric: MetricState = { ownerTeamId, cadence, direction, retirement: null, targets: {} };
    const defined = vocabularyTerm === undefined ? metric : { ...metric, vocabularyTerm };
    return { ...state, metrics: state.metrics.set(metricId, defined) };
  },
  MetricOwnershipTransferred: (state, { metricId, toTeamId }) => ({
    ...state,
    metrics: patch(state.metrics, metricId, (metric) => ({ ...metric, ownerTeamId: toTeamId })),
  }),
  MetricTargetSet: (state, { metricId, period, target }) => ({
    ...state,
    metrics: patch(state.metrics, metricId, (metric) => ({ ...metric, targets: withEntry(metric.targets, period, target) })),
  }),
  MetricRetired: (state, { metricId, reason }) => ({
    ...state,
    metrics: patch(state.metrics, metricId, (metric) => ({ ...metric, retirement: { reason } })),
  }),
  ReadingRecorded: (state, { readingId, metricId, period, value }) => ({
    ...state,
    readings: state.readings.set(readingId, { metricId, period, value }),
  }),
  ReadingCorrected: (state, { readingId, metricId, period, correctedValue }) => ({
    ...state,
    readings: state.readings.set(readingId, { metricId, period, value: correctedValue }),
  }),

  DecisionRightAssigned: (state, { decisionArea, teamId, role }) =>
    withRolesOf(state, { decisionArea, teamId }, (roles) => (roles.includes(role) ? roles : [...roles, role])),
  DecisionRightRevoked: (state, { decisionArea, teamId, role }) =>
    withRolesOf(state, { decisionArea, teamId }, (roles) => roles.filter((held) => held !== role)),
  DecisionRecorded: (state, { decisionId }) => ({ ...state, decisionIds: state.decisionIds.set(decisionId, true) }),

  AssetRegistered: (state, { assetId, ownerTeamId, steward, usage }) => ({
    ...state,
    assets: state.assets.set(assetId, { ownerTeamId, steward, usage }),
  }),
  AssetUsageAmended: (state, { assetId, steward, usage }) => ({
    ...state,
    assets: patch(state.assets, assetId, (asset) => ({ ...asset, steward, usage })),
  }),

  SlaDefined: (state, { slaId, providerTeamId, beneficiaryTeamId, threshold, complianceTarget, compliancePeriod }) => ({
    ...state,
    slas: state.slas.set(slaId, { providerTeamId, beneficiaryTeamId, threshold, complianceTarget, compliancePeriod }),
  }),
  SlaObservationRecorded: (state, { observationId }) => ({
    ...state,
    observationIds: state.observationIds.set(observationId, true),
  }),

  VocabularyTermDefined: withTermVersion,
  VocabularyTermRevised: withTermVersion,

  PartnershipSuspended: (state) => ({ ...state, status: 'suspended' }),
  PartnershipResumed: (state) => ({ ...state, status: 'active' }),
  PartnershipTerminated: (state) => ({ ...state, status: 'terminated' }),
};

/** The entries with one changed; an unknown id leaves them as they are. */
function patch<T>(entries: Entries<T>, id: string, change: (entry: T) => T): Entries<T> {
  const entry = entries.get(id);
  return entry === undefined ? entries : entries.set(id, change(entry));
}

function withContributionStatus(
  state: PartnershipState,
  contributionId: string,
  status: ContributionStatus,
): PartnershipState {
  const contributions = patch(state.contributions, contributionId, (contribution) => ({ ...contribution, status }));
  return { ...state, contributions };
}

/** Changes one team's roles in one area, dropping the team (and the area) once nothing is left. */
function withRolesOf(
  state: PartnershipState,
  { decisionArea, teamId }: { decisionArea: string; teamId: TeamId },
  change: (roles: RaciRole[]) => RaciRole[],
): PartnershipState {
  const area = state.decisionRights.get(decisionArea) ?? {};
  const roles = change(ownEntry(area, teamId) ?? []);
  const changedArea = roles.length > 0 ? withEntry(area, teamId, roles) : withoutEntry(area, teamId);
  const decisionRights =
    Object.keys(changedArea).length > 0
      ? state.decisionRights.set(decisionArea, changedArea)
      : state.decisionRights.remove(decisionArea);
  return { ...state, decisionRights };
}

/** A definition and a revision both add a version; the latest is the one in force. */
function withTermVersion(
  state: PartnershipState,
  { term, version, definition }: EventOfType<'VocabularyTermDefined' | 'VocabularyTermRevised'>['data'],
): PartnershipState {
  const known = state.vocabulary.get(term) ?? { latestVersion: 0, definitions: {} };
  const revised = {
    latestVersion: Math.max(known.latestVersion, version),
    definitions: withEntry(known.definitions, version, definition),
  };
  return { ...state, vocabulary: state.vocabulary.set(term, revised) };
}
