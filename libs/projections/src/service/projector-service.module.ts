/**
 * A projector service, whichever view it feeds: keeps the view's schema current from
 * the ledger topic, exactly once, in its own consumer group, and rebuilds it on request
 * without downtime. The work is the projection runtime's (`ProjectorRuntime`); this
 * module authenticates callers, starts the runtime with the service and stops it (the
 * batch in flight committed) on SIGTERM. Both projector apps are this module with
 * their own view and configuration.
 */
import { Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AuthModule, type AuthSettings } from '@ledger/auth';
import { createLogger, httpLoggingParams, ProblemDetailsFilter } from '@ledger/platform';
import { LoggerModule } from 'nestjs-pino';
import { projectorSettings, type ProjectedView, type ProjectorConfig } from '../runtime/projector-config';
import { ProjectorRuntime } from '../runtime/projector-runtime';
import { ProjectionHttpController } from './projection.http.controller';

@Module({})
export class ProjectorServiceModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly projector: ProjectorRuntime) {}

  static forView(view: ProjectedView, config: ProjectorConfig, auth: AuthSettings): DynamicModule {
    return {
      module: ProjectorServiceModule,
      imports: [
        LoggerModule.forRoot(httpLoggingParams(view.name)),
        AuthModule.forService({ serviceName: view.name, databaseUrl: config.databaseUrl, settings: auth }),
      ],
      controllers: [ProjectionHttpController],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: ProjectorRuntime, useFactory: () => ProjectorRuntime.open(projectorSettings(config, view, createLogger(view.name))) },
      ],
    };
  }

  onApplicationBootstrap(): Promise<void> {
    return this.projector.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.projector.stop();
  }
}
