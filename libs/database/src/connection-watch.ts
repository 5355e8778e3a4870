/**
 * Watches a service's PostgreSQL connections so that an outage reads clearly in its log:
 * one warning when the database becomes unreachable (a pooled connection broke, or a new
 * one could not be made) and one line when it is reachable again, with how long it was
 * gone - instead of a stack trace per failed query, or a crash: a pool whose idle
 * connection breaks emits `error`, which kills a process that does not listen for it.
 */
import type { Pool, PoolClient } from 'pg';

export interface ConnectionLogger {
  warn(context: object, message: string): void;
  info(context: object, message: string): void;
}

export class PostgresConnectionWatch {
  private downSince: number | null = null;

  constructor(
    private readonly logger: ConnectionLogger,
    private readonly name: string,
  ) {}

  /**
   * Listens to a pg pool (node-postgres, or the one inside a TypeORM data source), and to
   * each of its connections for as long as it lives: a connection that breaks while a
   * caller holds it emits `error` too, outside any query, and the pool listens only to
   * idle ones. The caller's next query fails instead, and releases it.
   */
  watch(pool: Pick<Pool, 'on'>): void {
    pool.on('error', (error: Error) => this.lost(error));
    pool.on('connect', (client: PoolClient) => {
      client.on('error', (error: Error) => this.lost(error));
      this.reached();
    });
  }

  /** For failures met outside the pool's own events, e.g. a refused connection attempt. */
  lost(error: unknown): void {
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ dependency: 'postgres', pool: this.name, reason }, 'PostgreSQL is unreachable; retrying with backoff');
  }

  reached(): void {
    if (this.downSince === null) return;
    const downForMs = Date.now() - this.downSince;
    this.downSince = null;
    this.logger.info({ dependency: 'postgres', pool: this.name, downForMs }, 'PostgreSQL is reachable again');
  }
}

/** The pg pool inside an initialised TypeORM data source (its postgres driver's `master`). */
export function poolOfDataSource(dataSource: { driver: unknown }): Pick<Pool, 'on'> | null {
  const master = (dataSource.driver as { master?: Pick<Pool, 'on'> }).master;
  return master && typeof master.on === 'function' ? master : null;
}
