/**
 * The global guard: every HTTP route needs a valid API key and the permission it names,
 * except the routes marked `@Public()`.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { Permission } from '../policy/access-policy';
import { RequestAuthorizer } from './request-authorizer';
import { PUBLIC_ROUTE, ROUTE_PERMISSION, type AuthenticatedRequest } from './route-access';

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authorizer: RequestAuthorizer,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Other transports (Kafka) authenticate at the broker.
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(ROUTE_PERMISSION, targets);
    const http = context.switchToHttp();
    await this.authorizer.authorize(http.getRequest<AuthenticatedRequest>(), http.getResponse<Response>(), permission);
    return true;
  }
}
