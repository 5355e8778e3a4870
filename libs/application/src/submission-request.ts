/** What a transport hands the write path, and what it gets back. */
import type { CommandResult } from '@ledger/contracts';
import type { PartnershipCommand } from '@ledger/domain';

export interface SubmissionRequest {
  partnershipId: string;
  command: PartnershipCommand;
  idempotencyKey?: string;
  expectedVersion?: number;
  /** Business time (ISO 8601); the ledger's clock when absent. */
  occurredAt?: string;
  sourceSystem?: string;
  correlationId?: string;
  causationId?: string;
}

export interface ExecutionOutcome {
  result: CommandResult;
  /** True when the idempotency key was seen before and nothing new was recorded. */
  replayed: boolean;
}

/** One submission of a batch: recorded (or replayed), or refused with the reason. */
export type SubmissionOutcome = { ok: true; outcome: ExecutionOutcome } | { ok: false; error: unknown };
