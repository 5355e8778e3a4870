/**
 * The checks every protected request goes through, in order: who is calling (401),
 * are they within their rate (429), may they do this (403). Shared by the route guard
 * and the middleware in front of the API documentation.
 */
import { Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthenticatedAccount } from '../accounts/service-account';
import { Authenticator } from '../keys/authenticator';
import { grants, type Permission } from '../policy/access-policy';
import { forbidden, rateLimited, unauthenticated, WWW_AUTHENTICATE } from './auth-problems';
import { presentedKey } from './presented-key';
import { RateLimiter } from './rate-limiter';
import type { AuthenticatedRequest } from './route-access';

@Injectable()
export class RequestAuthorizer {
  private readonly logger = new Logger(RequestAuthorizer.name);

  constructor(
    private readonly authenticator: Authenticator,
    private readonly rateLimiter: RateLimiter,
  ) {}

  /** Resolves with the caller (also left on `request.account`); throws the problem to answer otherwise. */
  async authorize(request: AuthenticatedRequest, response: Response, permission: Permission | undefined): Promise<AuthenticatedAccount> {
    const account = await this.authenticate(request, response);
    const rate = this.rateLimiter.take(account.accountId);
    if (!rate.allowed) {
      response.setHeader('Retry-After', String(rate.retryAfterSeconds));
      throw rateLimited(rate.retryAfterSeconds);
    }
    if (!permission || !grants(account.roles, permission)) {
      this.logger.warn({ accountId: account.accountId, permission, method: request.method, url: request.path }, 'Request refused: not entitled');
      throw forbidden(account, permission);
    }
    request.account = account;
    return account;
  }

  private async authenticate(request: AuthenticatedRequest, response: Response): Promise<AuthenticatedAccount> {
    const key = presentedKey(request.headers.authorization);
    const authentication = key === null ? null : await this.authenticator.authenticateKey(key);
    if (authentication?.ok) return authentication.account;
    response.setHeader('WWW-Authenticate', WWW_AUTHENTICATE);
    const reason = authentication?.reason ?? 'missing';
    // The key id is public (it names the key); the secret never reaches a log.
    this.logger.warn({ reason, keyId: authentication?.keyId, method: request.method, url: request.path }, 'Request refused: not authenticated');
    throw unauthenticated(reason);
  }
}
