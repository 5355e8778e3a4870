/**
 * What every ingest scenario writes, so the ledger, the peer and the ceiling are fed the
 * same thing: SLA observations (the CRM's "first contact within an hour" facts, the most
 * frequent submission there is), spread over many partnerships, each partnership set up
 * once beforehand (proposed, with the SLA defined). One workload object hands out the
 * submissions, the library-level events and the rows, all built from the same values.
 */
import { randomUUID } from 'node:crypto';
import type { CommandSubmission } from '@ledger/contracts';
import type { NewEvent } from '@ledger/event-store';
import { SLA_ID, slaReadyPartnership } from '../../support/sla-partnership';

export { SLA_ID };
export const SOURCE_SYSTEM = 'crm';
const SUBJECT_EVERY = 4;

export interface Observation {
  observationId: string;
  slaId: string;
  value: number;
  subject?: string;
}

/** A run's own names: nothing it writes collides with an earlier run in the same database. */
export class Workload {
  private sequence = 0;

  constructor(
    readonly runName: string,
    readonly partnershipCount: number,
  ) {}

  partnershipId(index: number): string {
    return `${this.runName}-p${index % this.partnershipCount}`;
  }

  get partnershipIds(): string[] {
    return Array.from({ length: this.partnershipCount }, (_, index) => this.partnershipId(index));
  }

  /** The submissions that make a partnership ready for observations. */
  setupSubmissions(partnershipId: string): CommandSubmission[] {
    return slaReadyPartnership(partnershipId, `Benchmark partnership ${partnershipId}`, SOURCE_SYSTEM);
  }

  nextObservation(): Observation {
    this.sequence += 1;
    const observationId = `${this.runName}-o${this.sequence}`;
    const value = (this.sequence * 37) % 180;
    return this.sequence % SUBJECT_EVERY === 0
      ? { observationId, slaId: SLA_ID, value, subject: `lead-${this.sequence}` }
      : { observationId, slaId: SLA_ID, value };
  }

  /** `count` observation submissions, round-robin over the partnerships. */
  observationSubmissions(count: number): CommandSubmission[] {
    return Array.from({ length: count }, () => {
      const observation = this.nextObservation();
      return {
        type: 'RecordSlaObservation',
        partnershipId: this.partnershipId(this.sequence),
        idempotencyKey: `${this.runName}/${observation.observationId}`,
        sourceSystem: SOURCE_SYSTEM,
        data: { ...observation },
      };
    });
  }

  /** `count` already-decided events, as the library appends them (what the decider makes of an observation). */
  observationEvents(count: number, actor: string): NewEvent[] {
    const occurredAt = new Date();
    return Array.from({ length: count }, () => {
      const observation = this.nextObservation();
      return {
        eventId: randomUUID(),
        type: 'SlaObservationRecorded',
        schemaVersion: 1,
        data: { ...observation, met: observation.value <= 60 },
        occurredAt,
        metadata: { actor, sourceSystem: SOURCE_SYSTEM, correlationId: `${this.runName}/${observation.observationId}`, causationId: null },
      };
    });
  }
}
