/**
 * The audit service: lets auditors read the history, see any partnership as it stood at
 * any moment, verify the ledger and export it for offline verification, and lets an
 * admin replay history; in the background it seals the global log into signed
 * checkpoints. Every route but the health checks needs an API key.
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthModule, type AuthSettings } from '@ledger/auth';
import { postgresReadiness } from '@ledger/event-store';
import { HealthController, httpLoggingParams, ProblemDetailsFilter, READINESS_CHECKS } from '@ledger/platform';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AUDIT_HTTP_CONTROLLERS } from './audit-http.controllers';
import { AuditConfig } from './audit.config';
import { AuditProblemsInterceptor } from './errors/audit-problems';
import { AuditLifecycle } from './infrastructure/audit-lifecycle';
import { auditProviders } from './infrastructure/audit.providers';
import { BackgroundJobs } from './jobs/background-jobs';

@Module({})
export class AuditModule {
  static forConfig(config: AuditConfig, auth: AuthSettings): DynamicModule {
    return {
      module: AuditModule,
      imports: [
        LoggerModule.forRoot(httpLoggingParams('audit')),
        AuthModule.forService({ serviceName: 'audit', databaseUrl: config.databaseUrl, settings: auth }),
      ],
      controllers: [...AUDIT_HTTP_CONTROLLERS, HealthController],
      providers: [
        { provide: AuditConfig, useValue: config },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: AuditProblemsInterceptor },
        ...auditProviders,
        // Kafka is only needed by replays onto a topic, so it is no condition of readiness.
        { provide: READINESS_CHECKS, inject: [DataSource], useFactory: (dataSource: DataSource) => [postgresReadiness(dataSource)] },
        { provide: BackgroundJobs, useValue: new BackgroundJobs() },
        AuditLifecycle,
      ],
    };
  }
}
