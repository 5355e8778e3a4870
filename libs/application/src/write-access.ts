/**
 * Who asks the write path to record something, and the port that decides whether they
 * may. The write path checks it after loading the partnership and before anything else
 * (even an idempotent replay), for both transports alike, so a publisher outside its
 * scope learns nothing and records nothing, over HTTP or Kafka.
 */
import type { PartnershipCommand, PartnershipState } from '@ledger/domain';

/** The authenticated service account a submission is recorded for; its id becomes the envelope's actor. */
export interface Actor {
  accountId: string;
  roles: readonly string[];
  /** Partnerships the account may write for; null: any. */
  partnershipScope: readonly string[] | null;
  /** Teams the account writes for; null: any. */
  teamScope: readonly string[] | null;
}

export interface WriteAccessRequest {
  actor: Actor;
  partnershipId: string;
  command: PartnershipCommand;
  /** The partnership as it stands before the command (initial state when it does not exist). */
  state: PartnershipState;
}

export interface WriteAccessPolicy {
  /** Throws `AccessDeniedError` when the actor may not record the command. */
  assertMayWrite(request: WriteAccessRequest): void;
}

export type AccessDeniedCode = 'auth.forbidden' | 'auth.out-of-scope';

export class AccessDeniedError extends Error {
  override readonly name = 'AccessDeniedError';

  constructor(
    readonly code: AccessDeniedCode,
    message: string,
  ) {
    super(message);
  }
}
