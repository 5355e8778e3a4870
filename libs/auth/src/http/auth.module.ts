/**
 * What a service imports to authenticate its callers:
 *
 *   imports: [AuthModule.forService({ serviceName: 'ledger', databaseUrl, settings: loadAuthSettings() })]
 *
 * It opens the `auth` schema (migrating it at start-up under an advisory lock), and
 * installs the global guard, so every route then needs a key and a `@RequiresPermission(...)`
 * (or `@Public()`). Global, so any module of the service can inject the authenticator
 * and the account administration.
 */
import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AccountStore } from '../accounts/account-store';
import { AccountAdministration } from '../admin/account-administration';
import { Authenticator } from '../keys/authenticator';
import { openAuthDataSource } from '../schema/auth-data-source';
import { AuthGuard } from './auth.guard';
import type { AuthSettings } from './auth-settings';
import { RateLimiter } from './rate-limiter';
import { RequestAuthorizer } from './request-authorizer';

export interface AuthModuleOptions {
  /** Names the connection in `pg_stat_activity`, e.g. `ledger`. */
  serviceName: string;
  /** The database holding the `auth` schema: the ledger's. */
  databaseUrl: string;
  settings: AuthSettings;
}

export const AUTH_DATA_SOURCE = Symbol('AUTH_DATA_SOURCE');

@Injectable()
class AuthConnectionCloser implements OnApplicationShutdown {
  constructor(@Inject(AUTH_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Module({})
export class AuthModule {
  static forService({ serviceName, databaseUrl, settings }: AuthModuleOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        {
          provide: AUTH_DATA_SOURCE,
          useFactory: () => openAuthDataSource({ url: databaseUrl, applicationName: `alignment-${serviceName}-auth` }),
        },
        { provide: AccountStore, inject: [AUTH_DATA_SOURCE], useFactory: (dataSource: DataSource) => new AccountStore(dataSource) },
        {
          provide: Authenticator,
          inject: [AccountStore],
          useFactory: (store: AccountStore) => new Authenticator(store, { cacheTtlMs: settings.cacheSeconds * 1000 }),
        },
        {
          provide: AccountAdministration,
          inject: [AccountStore, Authenticator],
          useFactory: (store: AccountStore, authenticator: Authenticator) => new AccountAdministration(store, authenticator),
        },
        { provide: RateLimiter, useFactory: () => new RateLimiter({ perSecond: settings.rateLimitPerSecond, burst: settings.rateLimitBurst }) },
        RequestAuthorizer,
        AuthConnectionCloser,
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AccountStore, Authenticator, AccountAdministration, RequestAuthorizer],
    };
  }
}
