/**
 * Who may call the ledger: service accounts (one per internal system or person-facing
 * tool), their roles and, for publishers, the partnerships and teams they may write for.
 * An account id is also its Kafka principal and the suffix of its ingest topic, so it
 * is a short lower-case slug that is valid in all three places.
 */
import type { Role } from '../policy/access-policy';

export const ACCOUNT_ID_PATTERN = /^[a-z][a-z0-9-]{1,62}$/;

export interface ServiceAccount {
  accountId: string;
  displayName: string;
  roles: Role[];
  /** Partnerships the account may publish for; null: any. */
  partnershipScope: string[] | null;
  /** Teams the account publishes for (a partnership must have one as a partner); null: any. */
  teamScope: string[] | null;
  /** ISO 8601, UTC. */
  createdAt: string;
  disabledAt: string | null;
}

/** What a request knows of its caller once its key is verified; fits the write path's `Actor`. */
export interface AuthenticatedAccount {
  accountId: string;
  roles: readonly Role[];
  partnershipScope: readonly string[] | null;
  teamScope: readonly string[] | null;
}

export function authenticatedAccountOf(account: ServiceAccount): AuthenticatedAccount {
  const { accountId, roles, partnershipScope, teamScope } = account;
  return { accountId, roles, partnershipScope, teamScope };
}
