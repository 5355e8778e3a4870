/**
 * The rebuild as a one-shot command (`node dist/apps/<projector>/src/rebuild.js`): the
 * same rebuild and switch as `POST /projection/rebuild`, run from a terminal or the CLI,
 * printing its progress (at most once a second, and at every change of state) and
 * resolving once the rebuilt schema is live.
 */
import { PostgresConnectionWatch } from '@ledger/database';
import { EventStore, migrateEventStore, openEventStoreDataSource } from '@ledger/event-store';
import type { MessagingLogger } from '@ledger/messaging';
import { Pool } from 'pg';
import type { Projection } from '../projection';
import { ProjectionRebuilder } from './projection-rebuilder';
import type { RebuildProgress } from './rebuild-progress';
import type { AfterSwitchHook } from './schema-switch';

export interface RebuildCommandSettings {
  readonly name: string;
  readonly databaseUrl: string;
  readonly liveSchema: string;
  readonly projectionIn: (schema: string) => Projection;
  readonly dropRetired: boolean;
  readonly afterSwitch?: readonly AfterSwitchHook[];
  readonly logger: MessagingLogger;
  /** Where progress lines go: standard output in the script. */
  readonly print: (line: string) => void;
}

const PRINT_EVERY_MS = 1_000;

export async function runRebuildCommand(settings: RebuildCommandSettings): Promise<RebuildProgress> {
  const applicationName = `alignment-${settings.name}-rebuild`;
  const dataSource = await openEventStoreDataSource({ url: settings.databaseUrl, poolSize: 2, applicationName, logger: settings.logger });
  const pool = new Pool({ connectionString: settings.databaseUrl, max: 2, application_name: applicationName });
  // A broken connection must fail the rebuild with a message, not crash the process without one.
  new PostgresConnectionWatch(settings.logger, applicationName).watch(pool);
  try {
    await migrateEventStore(dataSource);
    const rebuilder = new ProjectionRebuilder({ ...settings, pool, eventStore: new EventStore(dataSource) });
    return await rebuilder.rebuildAndSwitch(progressPrinter(settings.print));
  } finally {
    await pool.end();
    await dataSource.destroy();
  }
}

export function describeProgress(progress: RebuildProgress): string {
  const rate = `${progress.eventsDone} events, ${progress.eventsPerSecond} events/s`;
  if (progress.state === 'switched') {
    const retired = progress.retiredSchemaKept ? `; the previous one is kept as ${progress.retiredSchema}` : '';
    return `switched: ${progress.liveSchema} now holds the rebuild (${rate})${retired}`;
  }
  if (progress.state === 'failed') return `failed: ${progress.error?.message ?? 'unknown error'} (${rate})`;
  return `${progress.state}: ${progress.rebuildSchema}, ${rate}`;
}

function progressPrinter(print: (line: string) => void): (progress: RebuildProgress) => void {
  let lastState: string | null = null;
  let lastPrinted = 0;
  return (progress) => {
    const now = Date.now();
    if (progress.state === lastState && now - lastPrinted < PRINT_EVERY_MS) return;
    lastState = progress.state;
    lastPrinted = now;
    print(describeProgress(progress));
  };
}
