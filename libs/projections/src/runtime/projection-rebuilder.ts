/**
 * Rebuilds a projection from the full history without downtime, beside the live one:
 *
 * 1. takes the projection's rebuild lock (one rebuild at a time, across instances) and
 *    drops what a crashed rebuild left behind;
 * 2. creates `<live>_rebuild_<stamp>` by running the projection's migrations there;
 * 3. bulk-loads it from the event store in large pages, while readers and the live
 *    consumer carry on with the live schema;
 * 4. in one transaction: takes the switch lock exclusively (live batches on every
 *    instance finish, then wait), catches up to the ledger head, swaps the schemas
 *    (`schema-switch.ts`) and commits, which releases the live consumers onto the new
 *    schema, whose stored stream positions drop what it already holds.
 *
 * `begin()` takes the lock and answers at once (the HTTP endpoint answers 202 or 409 on
 * it); `run()` does the rest and reports progress as it goes.
 */
import { randomUUID } from 'node:crypto';
import type { MessagingLogger } from '@ledger/messaging';
import type { EventStore } from '@ledger/event-store';
import type { Pool, PoolClient } from 'pg';
import type { Projection } from '../projection';
import type { QueryFunction } from '../row-changes/row-change-applier';
import { quoteIdentifier } from '../sql/identifiers';
import { loadHistory } from './history-loader';
import { migrateProjection } from './projection-migrations';
import { holdSwitchLockExclusive, releaseRebuildLock, tryRebuildLock } from './projection-locks';
import { eventStoreGapReader, ProjectionWriter } from './projection-writer';
import { ProjectorError } from './projector-error';
import { RebuildProgressMeter, type RebuildProgress } from './rebuild-progress';
import { dropSchemas, retiredPrefix, schemasNamed, switchSchemas, type AfterSwitchHook } from './schema-switch';

export interface ProjectionRebuilderOptions {
  readonly databaseUrl: string;
  /** Connections for the rebuild's own session: one is held for the whole rebuild. */
  readonly pool: Pool;
  readonly eventStore: EventStore;
  /** The projection in any schema: `ownershipProjection`, `reportingProjection`. */
  readonly projectionIn: (schema: string) => Projection;
  /** The schema readers use, e.g. `ownership`. */
  readonly liveSchema: string;
  /** Events per page of the bulk load; large pages write fastest. */
  readonly pageSize?: number;
  readonly afterSwitch?: readonly AfterSwitchHook[];
  /** Drop the retired schema at once instead of keeping it until the next rebuild. */
  readonly dropRetired?: boolean;
  readonly logger: MessagingLogger;
  readonly clock?: () => Date;
}

const DEFAULT_PAGE_SIZE = 5_000;

export class ProjectionRebuilder {
  constructor(private readonly options: ProjectionRebuilderOptions) {}

  /** Takes the rebuild lock; fails with `projector.rebuild-in-progress` when another rebuild holds it. */
  async begin(): Promise<Rebuild> {
    const client = await this.options.pool.connect();
    try {
      if (!(await tryRebuildLock(queryOf(client), this.options.liveSchema))) {
        throw new ProjectorError(
          'projector.rebuild-in-progress',
          `A rebuild of the ${this.options.liveSchema} projection is already running; wait for it to switch or fail.`,
        );
      }
    } catch (error) {
      client.release();
      throw error;
    }
    return new Rebuild(this.options, client);
  }

  /** Rebuilds and switches; resolves with the final progress once the new schema is live. */
  async rebuildAndSwitch(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    return (await this.begin()).run(onProgress);
  }
}

export class Rebuild {
  readonly id = randomUUID();
  private readonly meter: RebuildProgressMeter;
  private readonly query: QueryFunction;
  private cancelled = false;

  constructor(
    private readonly options: ProjectionRebuilderOptions,
    private readonly client: PoolClient,
  ) {
    this.query = queryOf(client);
    const stamp = (options.clock ?? (() => new Date()))().getTime();
    this.meter = new RebuildProgressMeter({
      id: this.id,
      liveSchema: options.liveSchema,
      rebuildSchema: `${options.liveSchema}_rebuild_${stamp}`,
      retiredSchema: `${retiredPrefix(options.liveSchema)}${stamp}`,
    });
  }

  progress(): RebuildProgress {
    return this.meter.snapshot();
  }

  /** Stops the rebuild at its next page (a service shutting down); the live schema stays as it is. */
  cancel(): void {
    this.cancelled = true;
  }

  /** Runs the rebuild to its switch; on failure drops the half-built schema and rejects. Releases the lock either way. */
  async run(onProgress?: (progress: RebuildProgress) => void): Promise<RebuildProgress> {
    this.meter.onChange(onProgress);
    const { logger } = this.options;
    try {
      const projection = await this.prepare();
      const writer = new ProjectionWriter({ projection, readGap: eventStoreGapReader(this.options.eventStore), shared: false });
      const cursor = await this.bulkLoad(writer);
      await this.catchUpAndSwitch(writer, cursor);
      logger.info(this.progress(), 'Projection rebuilt and switched');
      return this.progress();
    } catch (error) {
      this.meter.fail(error);
      logger.error({ ...this.progress(), err: error }, 'Projection rebuild failed; the live schema is unchanged');
      await this.discard(this.progress().rebuildSchema).catch(() => undefined);
      throw error;
    } finally {
      await releaseRebuildLock(this.query, this.options.liveSchema).catch(() => undefined);
      this.client.release();
    }
  }

  private async prepare(): Promise<Projection> {
    const { liveSchema, projectionIn, databaseUrl } = this.options;
    for (const leftover of await schemasNamed(this.query, `${liveSchema}_rebuild_`)) await this.discard(leftover);
    const projection = projectionIn(this.progress().rebuildSchema);
    await migrateProjection(databaseUrl, projection);
    return projection;
  }

  private async bulkLoad(writer: ProjectionWriter): Promise<number> {
    this.meter.enter('loading');
    return loadHistory({ ...this.loadSettings(writer), afterPosition: 0, withinTransaction: false });
  }

  private async catchUpAndSwitch(writer: ProjectionWriter, cursor: number): Promise<void> {
    const { liveSchema, projectionIn, afterSwitch = [], dropRetired = false, eventStore } = this.options;
    const { rebuildSchema, retiredSchema } = this.progress();
    await this.query('BEGIN', []);
    try {
      this.meter.enter('catching-up');
      await holdSwitchLockExclusive(this.query, liveSchema);
      const upToPosition = await eventStore.headPosition();
      await loadHistory({ ...this.loadSettings(writer), afterPosition: cursor, upToPosition, withinTransaction: true });
      this.meter.enter('switching');
      const retired = await switchSchemas(this.query, {
        liveSchema,
        rebuiltSchema: rebuildSchema,
        retiredSchema,
        liveMigrationsTable: projectionIn(liveSchema).migrationsTableName,
        rebuiltMigrationsTable: projectionIn(rebuildSchema).migrationsTableName,
        afterSwitch,
        dropRetired,
      });
      await this.query('COMMIT', []);
      this.meter.switched(retired);
    } catch (error) {
      await this.query('ROLLBACK', []);
      throw error;
    }
  }

  private loadSettings(writer: ProjectionWriter) {
    const { eventStore, pageSize = DEFAULT_PAGE_SIZE } = this.options;
    const onPage = (events: number) => {
      this.meter.add(events);
      if (this.cancelled) throw new Error(`The rebuild of ${this.options.liveSchema} was cancelled.`);
    };
    return { eventStore, writer, query: this.query, pageSize, onPage };
  }

  /** A half-built schema and its migration record. */
  private async discard(schema: string): Promise<void> {
    await dropSchemas(this.query, [schema]);
    await this.query(`DROP TABLE IF EXISTS ${quoteIdentifier(this.options.projectionIn(schema).migrationsTableName)}`, []);
  }
}

function queryOf(client: PoolClient): QueryFunction {
  return (sql, params) => client.query(sql, params);
}
