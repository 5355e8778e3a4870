/**
 * The answers of the authentication edge, as problem details. None of them repeats what
 * the caller sent: a key never appears in an answer (nor in a log).
 */
import { HttpStatus } from '@nestjs/common';
import { problem, ProblemException } from '@ledger/platform';
import type { AuthenticatedAccount } from '../accounts/service-account';
import type { RefusalReason } from '../keys/authenticator';
import { ACCESS_POLICY, type Permission } from '../policy/access-policy';

export const WWW_AUTHENTICATE = 'Bearer realm="alignment-ledger", Basic realm="alignment-ledger"';

/** Reasons told only to a caller whose secret matched: it holds the key, so it may learn its state. */
const TOLD_TO_THE_HOLDER: Partial<Record<RefusalReason, string>> = {
  revoked: 'The API key was revoked; ask an admin for a new one.',
  expired: 'The API key has expired; ask an admin for a new one.',
  'account-disabled': 'The service account of this API key is disabled.',
};

export function unauthenticated(reason: RefusalReason | 'missing'): ProblemException {
  const detail =
    reason === 'missing'
      ? 'This endpoint needs an API key: send "Authorization: Bearer <key>".'
      : (TOLD_TO_THE_HOLDER[reason] ?? 'The credentials are not a valid API key.');
  return new ProblemException(problem(HttpStatus.UNAUTHORIZED, 'auth.unauthenticated', detail));
}

export function forbidden(account: AuthenticatedAccount, permission: Permission | undefined): ProblemException {
  if (!permission) {
    return new ProblemException(problem(HttpStatus.FORBIDDEN, 'auth.forbidden', 'No role may call this endpoint.'));
  }
  const { roles, covers } = ACCESS_POLICY[permission];
  return new ProblemException(
    problem(
      HttpStatus.FORBIDDEN,
      'auth.forbidden',
      `Account "${account.accountId}" (roles: ${account.roles.join(', ')}) may not do this; it needs one of the roles ${roles.join(', ')}.`,
      { permission, requiredRoles: [...roles], covers },
    ),
  );
}

export function outOfScope(detail: string): ProblemException {
  return new ProblemException(problem(HttpStatus.FORBIDDEN, 'auth.out-of-scope', detail));
}

export function rateLimited(retryAfterSeconds: number): ProblemException {
  return new ProblemException(
    problem(HttpStatus.TOO_MANY_REQUESTS, 'request.rate-limited', `Too many requests from this account; retry in ${retryAfterSeconds} s.`, {
      retryAfterSeconds,
    }),
  );
}
