/**
 * How a route says who may call it: `@RequiresPermission('submit-commands')` (roles per
 * permission come from the access policy table), or `@Public()` for the only routes that
 * answer anonymously, the health checks. A route with neither is refused to everyone,
 * so a forgotten decorator fails closed (and the matrix test names the route).
 */
import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiForbiddenResponse, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { HealthController } from '@ledger/platform';
import type { Request } from 'express';
import type { AuthenticatedAccount } from '../accounts/service-account';
import { ACCESS_POLICY, type Permission } from '../policy/access-policy';

export const PUBLIC_ROUTE = 'alignment-ledger:public-route';
export const ROUTE_PERMISSION = 'alignment-ledger:route-permission';

export function Public(): ClassDecorator & MethodDecorator {
  return SetMetadata(PUBLIC_ROUTE, true);
}

// The platform's health checks answer orchestrators and the local scripts, which hold
// no key; the platform cannot depend on this library, so they are marked public here.
Public()(HealthController);

export function RequiresPermission(permission: Permission): ClassDecorator & MethodDecorator {
  const roles = ACCESS_POLICY[permission].roles.join(', ');
  return applyDecorators(
    SetMetadata(ROUTE_PERMISSION, permission),
    ApiUnauthorizedResponse({ description: 'No valid API key (missing, malformed, unknown, revoked, expired, or of a disabled account).' }),
    ApiForbiddenResponse({ description: `Permission "${permission}" is held by the roles: ${roles}.` }),
    ApiTooManyRequestsResponse({ description: 'The account exceeded its rate limit; retry after the Retry-After header.' }),
  );
}

/** Where the guard leaves the caller for the handler. */
export interface AuthenticatedRequest extends Request {
  account?: AuthenticatedAccount;
}

export function accountOf(request: AuthenticatedRequest): AuthenticatedAccount {
  if (!request.account) throw new Error('The route runs without an authenticated account: is it @Public() by mistake?');
  return request.account;
}

/** The authenticated account of the request, as a handler parameter. */
export const CurrentAccount = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthenticatedAccount => accountOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
