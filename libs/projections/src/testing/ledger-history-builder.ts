/**
 * Builds a ledger history for tests: `EventEnvelope`s as the ledger would publish them,
 * with a global position per event, a version per partnership stream, a valid hash
 * chain, and ledger time (`recordedAt`) that never runs backwards even when a fact is
 * recorded long after it happened.
 */
import {
  EVENT_SCHEMA_VERSIONS,
  partnershipStreamId,
  type EventEnvelope,
  type PartnershipEvent,
} from '@ledger/contracts';
import { computeEventHash, GENESIS_HASH } from '@ledger/integrity';

export interface RecordOptions {
  /** Ledger time; by default a second after the fact, and never before the previous event. */
  recordedAt?: string;
  actor?: string;
  sourceSystem?: string;
}

interface StreamHead {
  version: number;
  hash: string;
}

const RECORDING_DELAY_MS = 1000;

export class LedgerHistoryBuilder {
  private readonly recorded: EventEnvelope[] = [];
  private readonly heads = new Map<string, StreamHead>();
  private lastRecordedAt = Number.NEGATIVE_INFINITY;

  constructor(private nextPosition = 1) {}

  /** Everything recorded so far, in ledger order. */
  get events(): readonly EventEnvelope[] {
    return this.recorded;
  }

  /** A handle that records into one partnership's stream. */
  partnership(partnershipId: string): PartnershipStream {
    return new PartnershipStream(this, partnershipId);
  }

  record(partnershipId: string, occurredAt: string, event: PartnershipEvent, options: RecordOptions = {}): EventEnvelope {
    const streamId = partnershipStreamId(partnershipId);
    const head = this.heads.get(streamId) ?? { version: 0, hash: GENESIS_HASH };
    const position = this.nextPosition++;
    const unhashed = {
      eventId: `00000000-0000-4000-8000-${position.toString(16).padStart(12, '0')}`,
      type: event.type,
      schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
      streamId,
      streamVersion: head.version + 1,
      globalPosition: position,
      occurredAt: new Date(occurredAt).toISOString(),
      recordedAt: this.ledgerTime(occurredAt, options.recordedAt),
      data: event.data,
      actor: options.actor ?? 'svc-test-publisher',
      sourceSystem: options.sourceSystem ?? 'test',
      correlationId: `correlation-${position}`,
      causationId: null,
      prevHash: head.hash,
    };
    const envelope = { ...unhashed, hash: computeEventHash(head.hash, unhashed) } as EventEnvelope;
    this.heads.set(streamId, { version: envelope.streamVersion, hash: envelope.hash });
    this.recorded.push(envelope);
    return envelope;
  }

  private ledgerTime(occurredAt: string, requested: string | undefined): string {
    const wanted = requested ? Date.parse(requested) : Date.parse(occurredAt) + RECORDING_DELAY_MS;
    this.lastRecordedAt = Math.max(wanted, this.lastRecordedAt + 1);
    return new Date(this.lastRecordedAt).toISOString();
  }
}

export class PartnershipStream {
  constructor(
    private readonly history: LedgerHistoryBuilder,
    readonly partnershipId: string,
  ) {}

  record(occurredAt: string, event: PartnershipEvent, options?: RecordOptions): EventEnvelope {
    return this.history.record(this.partnershipId, occurredAt, event, options);
  }
}
