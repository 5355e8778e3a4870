/**
 * The query API: the BI views and aggregates over HTTP, for scripts and dashboards
 * that do not speak SQL. Read-only: it reads schema `bi` as the BI role, nothing else,
 * and answers only callers whose service account holds the analyst role.
 */
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule, type AuthSettings } from '@ledger/auth';
import { HealthController, httpLoggingParams, ProblemDetailsFilter } from '@ledger/platform';
import { LoggerModule } from 'nestjs-pino';
import type { Pool } from 'pg';
import { BI_READ_POOL, biReadProviders } from './bi-read.providers';
import { QueryApiConfig } from './query-api.config';
import { QUERY_API_HTTP_CONTROLLERS } from './query-api-http';

@Module({})
export class QueryApiModule implements OnApplicationShutdown {
  constructor(@Inject(BI_READ_POOL) private readonly pool: Pool) {}

  static forConfig(config: QueryApiConfig, auth: AuthSettings): DynamicModule {
    return {
      module: QueryApiModule,
      imports: [
        LoggerModule.forRoot(httpLoggingParams('query-api')),
        AuthModule.forService({ serviceName: 'query-api', databaseUrl: config.databaseUrl, settings: auth }),
      ],
      controllers: [...QUERY_API_HTTP_CONTROLLERS, HealthController],
      providers: [{ provide: QueryApiConfig, useValue: config }, { provide: APP_FILTER, useClass: ProblemDetailsFilter }, ...biReadProviders],
    };
  }

  onApplicationShutdown(): Promise<void> {
    return this.pool.end();
  }
}
