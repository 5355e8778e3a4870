/**
 * The ledger service: accepts commands over HTTP (from authenticated service accounts)
 * and from the publishers' Kafka ingest topics, decides them with the partnership's
 * rules and appends the events to the Postgres event store. Publishing to Kafka is the
 * outbox relay's job, a separate process. It also serves the admin API of accounts.
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule, type AuthSettings } from '@ledger/auth';
import { postgresReadiness } from '@ledger/event-store';
import { kafkaReadiness } from '@ledger/messaging';
import { HealthController, httpLoggingParams, ProblemDetailsFilter, READINESS_CHECKS } from '@ledger/platform';
import { Kafka } from 'kafkajs';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { CommandGateway } from './commands/command-gateway';
import { ExecuteSubmissionBatchHandler, ExecuteSubmissionHandler } from './commands/execute/execute-submission.handler';
import { HttpCommandSubmitter } from './commands/http/http-command-submitter';
import { eventStoreProviders } from './infrastructure/event-store.providers';
import { CommandIngestService, kafkaProviders } from './infrastructure/kafka.providers';
import { LedgerConfig } from './ledger.config';
import { LEDGER_HTTP_CONTROLLERS } from './ledger-http.module';
import { GetPartnershipEventsHandler, GetPartnershipHandler } from './queries/get-partnership.handlers';

@Module({})
export class LedgerModule {
  static forConfig(config: LedgerConfig, auth: AuthSettings): DynamicModule {
    return {
      module: LedgerModule,
      imports: [
        LoggerModule.forRoot(httpLoggingParams('ledger')),
        CqrsModule.forRoot(),
        AuthModule.forService({ serviceName: 'ledger', databaseUrl: config.databaseUrl, settings: auth }),
      ],
      controllers: [...LEDGER_HTTP_CONTROLLERS, HealthController],
      providers: [
        { provide: LedgerConfig, useValue: config },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        ...eventStoreProviders,
        ...kafkaProviders,
        {
          provide: READINESS_CHECKS,
          inject: [DataSource, Kafka],
          useFactory: (dataSource: DataSource, kafka: Kafka) => [postgresReadiness(dataSource), kafkaReadiness(kafka)],
        },
        CommandGateway,
        HttpCommandSubmitter,
        ExecuteSubmissionHandler,
        ExecuteSubmissionBatchHandler,
        GetPartnershipHandler,
        GetPartnershipEventsHandler,
        CommandIngestService,
      ],
    };
  }
}
