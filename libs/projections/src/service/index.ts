/**
 * The NestJS wiring both projector services share: their HTTP routes (health, lag,
 * rebuilds) behind authentication, and the module that runs a `ProjectorRuntime` with
 * the service. Each service adds only its view and configuration.
 */
export { ProjectionHttpController } from './projection.http.controller';
export { ProjectorServiceModule } from './projector-service.module';
export { createProjectorApp } from './projector.app';
