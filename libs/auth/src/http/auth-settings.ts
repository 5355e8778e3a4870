/**
 * The authentication settings every service reads from its environment, validated at
 * start-up like the rest of its configuration.
 */
import { loadConfig } from '@ledger/platform';
import { IsInt, IsNumber, Max, Min } from 'class-validator';

export class AuthSettings {
  /** How long a verified key (or an unknown one) is remembered: the bound on revocation taking effect. */
  @IsInt() @Min(0) @Max(60) cacheSeconds = 5;
  /** Sustained requests per second per account (token bucket refill rate). */
  @IsNumber() @Min(0.01) rateLimitPerSecond = 50;
  /** Requests an account may make in a burst, above the sustained rate. */
  @IsInt() @Min(1) rateLimitBurst = 100;
}

export const AUTH_ENVIRONMENT = {
  cacheSeconds: 'AUTH_CACHE_SECONDS',
  rateLimitPerSecond: 'RATE_LIMIT_PER_SECOND',
  rateLimitBurst: 'RATE_LIMIT_BURST',
} as const satisfies Record<keyof AuthSettings, string>;

export function loadAuthSettings(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  return loadConfig(AuthSettings, AUTH_ENVIRONMENT, env);
}
