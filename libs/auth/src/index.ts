/** Service accounts, API keys, roles and the access policy, and the NestJS module that enforces them. */
export * from './policy/access-policy';
export * from './accounts/service-account';
export * from './accounts/account-errors';
export * from './accounts/account-store';
export * from './keys/api-key';
export * from './keys/authenticator';
export * from './admin/account-administration';
export * from './admin/administer-accounts';
export * from './scope/publisher-scope';
export * from './schema/auth-data-source';
export * from './http/auth-settings';
export * from './http/auth-problems';
export * from './http/route-access';
export * from './http/rate-limiter';
export * from './http/request-authorizer';
export * from './http/auth.module';
export * from './http/http-edge';
