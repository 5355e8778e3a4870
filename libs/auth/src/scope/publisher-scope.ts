/**
 * A publisher's scope: the partnerships it may write for (`partnershipScope`) and the
 * teams it speaks for (`teamScope`: a partnership it writes to must have one of them as
 * a partner, and a proposal must be made by one of them). Null means unrestricted; both
 * set means both must hold. The same rules serve the write path (HTTP and Kafka) and a
 * publisher reading a partnership's state over HTTP.
 */
import { AccessDeniedError, type WriteAccessPolicy, type WriteAccessRequest } from '@ledger/application';
import type { AuthenticatedAccount } from '../accounts/service-account';
import { grants } from '../policy/access-policy';

export interface ScopeTarget {
  partnershipId: string;
  /** The teams that speak for the write: a proposal's proposer, otherwise the partnership's partners. */
  teams: readonly string[];
  isProposal: boolean;
}

type Scoped = Pick<AuthenticatedAccount, 'accountId' | 'partnershipScope' | 'teamScope'>;

/** Why the account's scope does not admit the target, in one sentence; null when it does. */
export function scopeRefusal(account: Scoped, target: ScopeTarget): string | null {
  const { accountId, partnershipScope, teamScope } = account;
  if (partnershipScope && !partnershipScope.includes(target.partnershipId)) {
    return `Account "${accountId}" may publish only for the partnerships ${list(partnershipScope)}, not for "${target.partnershipId}".`;
  }
  if (teamScope && !target.teams.some((team) => teamScope.includes(team))) {
    return target.isProposal
      ? `Account "${accountId}" may propose partnerships only on behalf of ${list(teamScope)}.`
      : `Account "${accountId}" publishes for ${list(teamScope)}, and partnership "${target.partnershipId}" has none of them as a partner.`;
  }
  return null;
}

/** The write path's access policy: only publishers write, and only within their scope. */
export const publisherWriteAccess: WriteAccessPolicy = {
  assertMayWrite({ actor, partnershipId, command, state }: WriteAccessRequest): void {
    if (!actor.roles.includes('publisher')) {
      throw new AccessDeniedError('auth.forbidden', `Account "${actor.accountId}" may not record commands: it does not hold the publisher role.`);
    }
    const isProposal = command.type === 'ProposePartnership';
    const teams = isProposal ? [command.data.proposedBy] : state.partners.map(({ teamId }) => teamId);
    const refusal = scopeRefusal(actor, { partnershipId, teams, isProposal });
    if (refusal) throw new AccessDeniedError('auth.out-of-scope', `${refusal} Nothing was recorded.`);
  },
};

function list(items: readonly string[]): string {
  return items.map((item) => `"${item}"`).join(', ');
}

/**
 * Reading a partnership's state: auditors and analysts read any partnership; an account
 * that reads it only as a publisher reads only what its scope admits.
 */
export function stateReadRefusal(account: Scoped & Pick<AuthenticatedAccount, 'roles'>, partnershipId: string, partnerTeams: readonly string[]): string | null {
  const unscopedReader = account.roles.some((role) => role !== 'publisher' && grants([role], 'read-partnership-state'));
  if (unscopedReader) return null;
  return scopeRefusal(account, { partnershipId, teams: partnerTeams, isProposal: false });
}
