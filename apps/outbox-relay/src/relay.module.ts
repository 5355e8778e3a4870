/**
 * The outbox relay service: publishes every event the ledger recorded to the ledger
 * topic, in order per stream, at least once. It runs apart from the ledger so that
 * stopping it (or the broker) only delays publication: the events wait in Postgres.
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule, type AuthSettings } from '@ledger/auth';
import { EventStore, migrateEventStore, openEventStoreDataSource, postgresReadiness } from '@ledger/event-store';
import { createKafka, kafkaReadiness } from '@ledger/messaging';
import { createLogger, HealthController, httpLoggingParams, ProblemDetailsFilter, READINESS_CHECKS } from '@ledger/platform';
import { Kafka } from 'kafkajs';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { RelayConfig } from './relay.config';
import { RelayStatusHttpController } from './relay-status.http.controller';
import { RelayService } from './relay.service';

@Module({})
export class RelayModule {
  static forConfig(config: RelayConfig, auth: AuthSettings): DynamicModule {
    return {
      module: RelayModule,
      imports: [
        LoggerModule.forRoot(httpLoggingParams('outbox-relay')),
        AuthModule.forService({ serviceName: 'outbox-relay', databaseUrl: config.databaseUrl, settings: auth }),
      ],
      controllers: [HealthController, RelayStatusHttpController],
      providers: [
        { provide: RelayConfig, useValue: config },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        {
          provide: DataSource,
          useFactory: async () => {
            const dataSource = await openEventStoreDataSource({
              url: config.databaseUrl,
              poolSize: 4,
              applicationName: 'alignment-outbox-relay',
              logger: createLogger('outbox-relay'),
            });
            await migrateEventStore(dataSource);
            return dataSource;
          },
        },
        { provide: EventStore, inject: [DataSource], useFactory: (dataSource: DataSource) => new EventStore(dataSource) },
        {
          provide: Kafka,
          useFactory: () => createKafka({ brokers: config.kafkaBrokers, clientId: 'alignment-outbox-relay' }, createLogger('outbox-relay')),
        },
        {
          provide: READINESS_CHECKS,
          inject: [DataSource, Kafka],
          useFactory: (dataSource: DataSource, kafka: Kafka) => [postgresReadiness(dataSource), kafkaReadiness(kafka)],
        },
        RelayService,
      ],
    };
  }
}
