/**
 * Scenario building blocks: facts planned at a business time, recorded into one ledger
 * history in ledger-time order, so partnerships interleave as they would in production
 * and facts reported late (a month's reading, a month's SLA tally) arrive late.
 * `ScenarioPlan` names the common facts so a scenario reads like the story it tells.
 */
import type {
  Cadence,
  ContributionKind,
  EventEnvelope,
  IndicatorKind,
  MetricDirection,
  PartnershipEvent,
  PartnershipScope,
  RaciRole,
  TeamId,
} from '@ledger/contracts';
import { LedgerHistoryBuilder } from '../ledger-history-builder';

export interface PlannedEvent {
  readonly partnershipId: string;
  /** Business time. */
  readonly at: string;
  readonly event: PartnershipEvent;
  /** Ledger time, when the fact is recorded well after it happened. */
  readonly recordedAt?: string;
}

export interface MetricPlan {
  name: string;
  owner: TeamId;
  indicator: IndicatorKind;
  unit: string;
  direction: MetricDirection;
  cadence: Cadence;
  vocabularyTerm?: string;
}

export class ScenarioPlan {
  readonly planned: PlannedEvent[] = [];

  constructor(readonly partnershipId: string) {}

  at(time: string, event: PartnershipEvent, options: { recordedAt?: string } = {}): void {
    this.planned.push({ partnershipId: this.partnershipId, at: time, event, recordedAt: options.recordedAt });
  }

  /** Proposal, scope, every partner's signature and activation of agreement version 1. */
  agreeVersionOne(name: string, partners: TeamId[], days: { proposed: string; activated: string }): void {
    const displayName = (teamId: TeamId) => teamId[0].toUpperCase() + teamId.slice(1);
    this.at(`${days.proposed}T09:00:00Z`, {
      type: 'PartnershipProposed',
      data: {
        partnershipId: this.partnershipId,
        name,
        partners: partners.map((teamId) => ({ teamId, displayName: displayName(teamId) })),
        proposedBy: partners[0],
      },
    });
    const scope = scopeOf([`${name}: grow qualified pipeline`], partners);
    this.at(`${days.proposed}T10:00:00Z`, { type: 'ScopeDefined', data: { agreementVersion: 1, scope } });
    this.signAndActivate(1, partners, days.activated);
  }

  amendAndActivate(version: number, priorities: string[], partners: TeamId[], reason: string, days: { amended: string; activated: string }) {
    this.at(`${days.amended}T09:00:00Z`, { type: 'ScopeAmended', data: { agreementVersion: version, scope: scopeOf(priorities, partners), reason } });
    this.signAndActivate(version, partners, days.activated);
  }

  commit(day: string, contributionId: string, teamId: TeamId, kind: ContributionKind, description: string, dueDate: string): void {
    this.at(`${day}T11:00:00Z`, { type: 'ContributionCommitted', data: { contributionId, teamId, kind, description, dueDate } });
  }

  deliver(time: string, contributionId: string, teamId: TeamId, evidence: string): void {
    this.at(time, { type: 'ContributionDelivered', data: { contributionId, teamId, evidence: [{ description: evidence }] } });
  }

  defineMetric(time: string, metricId: string, metric: MetricPlan): void {
    const { name, owner, ...rest } = metric;
    this.at(time, { type: 'MetricDefined', data: { metricId, name, definition: `${name}, as counted in the CRM`, ownerTeamId: owner, ...rest } });
  }

  target(time: string, metricId: string, period: string, target: number): void {
    this.at(time, { type: 'MetricTargetSet', data: { metricId, period, target } });
  }

  read(time: string, readingId: string, metricId: string, period: string, value: number, vocabularyVersion?: number): void {
    this.at(time, { type: 'ReadingRecorded', data: { readingId, metricId, period, value, vocabularyVersion } });
  }

  assign(time: string, decisionArea: string, teamId: TeamId, role: RaciRole): void {
    this.at(time, { type: 'DecisionRightAssigned', data: { decisionArea, teamId, role } });
  }

  decide(time: string, decisionId: string, decisionArea: string, decidedBy: TeamId, authority: RaciRole, title: string): void {
    this.at(time, { type: 'DecisionRecorded', data: { decisionId, decisionArea, decidedBy, authority, title } });
  }

  observe(time: string, observationId: string, slaId: string, value: number, met: boolean, recordedAt?: string): void {
    this.at(time, { type: 'SlaObservationRecorded', data: { observationId, slaId, value, met, subject: observationId } }, { recordedAt });
  }

  private signAndActivate(agreementVersion: number, partners: TeamId[], day: string): void {
    partners.forEach((teamId, index) =>
      this.at(`${day}T0${index}:30:00Z`, { type: 'AgreementSigned', data: { agreementVersion, teamId, signatory: `Head of ${teamId}` } }),
    );
    this.at(`${day}T08:00:00Z`, { type: 'AgreementActivated', data: { agreementVersion } });
  }
}

/** Records the plans in ledger-time order; facts recorded at the same time keep their planned order. */
export function recordPlans(plans: readonly PlannedEvent[][], firstPosition = 1): EventEnvelope[] {
  const ledgerTime = (fact: PlannedEvent) => Date.parse(fact.recordedAt ?? fact.at);
  const ordered = plans.flat().sort((a, b) => ledgerTime(a) - ledgerTime(b));
  const history = new LedgerHistoryBuilder(firstPosition);
  for (const fact of ordered) history.record(fact.partnershipId, fact.at, fact.event, { recordedAt: fact.recordedAt });
  return [...history.events];
}

/** A complete scope (rule 1 of engagement) with the given priorities. */
export function scopeOf(priorities: string[], teams: TeamId[]): PartnershipScope {
  return {
    priorities,
    programFocusAreas: ['pipeline generation'],
    evaluationProcess: 'Joint monthly review of the shared dashboard',
    reportingRequirements: ['Monthly metric readings', 'Weekly SLA compliance'],
    outputMeasures: ['MQL volume', 'Sourced pipeline'],
    dataManagement: 'CRM is the system of record for leads and opportunities',
    responsibilities: teams.map((teamId) => ({ teamId, duties: [`${teamId} delivers its commitments`] })),
    meetingCadence: 'Weekly staff meeting, monthly review, quarterly planning',
  };
}
