/**
 * What a partnership's history adds up to: exactly what the decider needs to judge the
 * next command, and nothing it does not.
 *
 * The collections that grow with the history (contributions, metrics, readings,
 * decisions, assets, SLAs and their observations, vocabulary) are persistent maps:
 * each event makes a new state that shares all but a few nodes with the one before, so
 * recording the 100,000th observation of a partnership costs what the first did, and an
 * earlier state is never changed (a cached state stays valid when an append fails).
 * Copying a plain record instead costs time in proportion to its size on every event.
 * What lies inside an entry stays plain data, small and bounded by the agreement.
 *
 * Whatever shows a state as JSON goes through `partnershipStateAsJson`, which writes each
 * map as the plain object it stands for ({ id: entry }). Immutable's own `toJSON` would
 * silently drop ids such as `constructor` or `__proto__`.
 */
import { Map as PersistentMap } from 'immutable';
import type {
  Cadence,
  MetricDirection,
  Partner,
  PartnershipScope,
  PartnershipStatus,
  RaciRole,
  SlaThreshold,
  TeamId,
  UsageParameter,
} from '@ledger/contracts';

export interface AgreementState {
  /** Latest agreement version (1 once the scope is defined, +1 per amendment; 0 before). */
  currentVersion: number;
  /** The scope of the current version; null until it is defined. */
  scope: PartnershipScope | null;
  /** Who signed which version: agreement version -> team -> signatory. */
  signatures: Record<number, Record<TeamId, string>>;
  /** The last version every partner signed; null until the first activation. */
  versionInForce: number | null;
}

export type ContributionStatus = 'committed' | 'delivered' | 'withdrawn';

export interface ContributionState {
  teamId: TeamId;
  status: ContributionStatus;
  /** Calendar date, YYYY-MM-DD. */
  dueDate: string;
}

export interface MetricState {
  ownerTeamId: TeamId;
  cadence: Cadence;
  direction: MetricDirection;
  vocabularyTerm?: string;
  /** Null while the metric is in use. */
  retirement: { reason: string } | null;
  /** The target in force per period (a later target for a period replaces the earlier). */
  targets: Record<string, number>;
}

export interface ReadingState {
  metricId: string;
  period: string;
  /** The value after every correction so far. */
  value: number;
}

export interface AssetState {
  ownerTeamId: TeamId;
  steward: string;
  usage: UsageParameter[];
}

export interface SlaState {
  providerTeamId: TeamId;
  beneficiaryTeamId: TeamId;
  threshold: SlaThreshold;
  complianceTarget: number;
  compliancePeriod: Cadence;
}

export interface VocabularyTermState {
  latestVersion: number;
  /** Definition per version: version -> definition. */
  definitions: Record<number, string>;
}

/** Entries by id, shared structurally between successive states. */
export type Entries<T> = PersistentMap<string, T>;

/** Ids only: the decider needs to know they are taken, nothing more. */
export type IdSet = Entries<true>;

/** A team's roles per decision area. */
export type RolesByTeam = Record<TeamId, RaciRole[]>;

export interface PartnershipState {
  /** Null until the partnership is proposed: an empty stream. */
  status: PartnershipStatus | null;
  partnershipId: string | null;
  name: string | null;
  partners: Partner[];
  agreement: AgreementState;
  contributions: Entries<ContributionState>;
  metrics: Entries<MetricState>;
  readings: Entries<ReadingState>;
  /** Decision area -> team -> roles it holds there. */
  decisionRights: Entries<RolesByTeam>;
  decisionIds: IdSet;
  assets: Entries<AssetState>;
  slas: Entries<SlaState>;
  observationIds: IdSet;
  vocabulary: Entries<VocabularyTermState>;
  /** Number of events applied: the stream version this state reflects. */
  version: number;
}

export function initialPartnershipState(): PartnershipState {
  return {
    status: null,
    partnershipId: null,
    name: null,
    partners: [],
    agreement: { currentVersion: 0, scope: null, signatures: {}, versionInForce: null },
    contributions: PersistentMap(),
    metrics: PersistentMap(),
    readings: PersistentMap(),
    decisionRights: PersistentMap(),
    decisionIds: PersistentMap(),
    assets: PersistentMap(),
    slas: PersistentMap(),
    observationIds: PersistentMap(),
    vocabulary: PersistentMap(),
    version: 0,
  };
}

/** The state as the plain JSON it serialises to: every map an object keyed by id. */
export type PartnershipStateJson = {
  [K in keyof PartnershipState]: PartnershipState[K] extends Entries<infer T> ? Record<string, T> : PartnershipState[K];
};

export function partnershipStateAsJson(state: PartnershipState): PartnershipStateJson {
  return {
    ...state,
    contributions: asRecord(state.contributions),
    metrics: asRecord(state.metrics),
    readings: asRecord(state.readings),
    decisionRights: asRecord(state.decisionRights),
    decisionIds: asRecord(state.decisionIds),
    assets: asRecord(state.assets),
    slas: asRecord(state.slas),
    observationIds: asRecord(state.observationIds),
    vocabulary: asRecord(state.vocabulary),
  };
}

function asRecord<T>(entries: Entries<T>): Record<string, T> {
  const record: Record<string, T> = {};
  // Defined rather than assigned, so an id like `__proto__` is an entry like any other.
  entries.forEach((entry, id) => {
    Object.defineProperty(record, id, { value: entry, enumerable: true, writable: true, configurable: true });
  });
  return record;
}
