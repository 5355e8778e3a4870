/** Starts the outbox relay service (health and lag over HTTP, publishing in the background). */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadRelayConfig } from './relay.config';
import { RelayModule } from './relay.module';

async function bootstrap(): Promise<void> {
  const config = loadRelayConfig();
  const app = await NestFactory.create(RelayModule.forConfig(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`outbox-relay failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
