/**
 * The right to publish, for one relay name, held by one process at a time: a
 * session-level advisory lock on a connection of its own, outside the pool. If the
 * process dies or its connection drops, Postgres frees the lock and a standby takes
 * over. The holder also reads and stores the relay's position over that connection, so
 * a holder that lost its connection cannot move the position any more.
 */
import { Client, type ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

export class RelayLease {
  private client: Client | null = null;
  private held = false;
  private lost = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relayName: string,
  ) {}

  get isHeld(): boolean {
    return this.held && !this.lost;
  }

  /** True when this process now holds (or already held) the lease. */
  async tryAcquire(): Promise<boolean> {
    if (this.isHeld) return true;
    if (this.lost) await this.release();
    const client = await this.connection();
    const rows = await client.query<{ acquired: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS acquired', [
      this.lockName(),
    ]);
    this.held = rows.rows[0].acquired;
    return this.held;
  }

  async readPosition(): Promise<number> {
    const client = await this.connection();
    const rows = await client.query<{ position: string }>(
      'SELECT position FROM ledger.relay_positions WHERE relay_name = $1',
      [this.relayName],
    );
    return Number(rows.rows[0]?.position ?? 0);
  }

  async storePosition(position: number): Promise<void> {
    if (!this.isHeld) throw new Error(`Relay ${this.relayName} no longer holds its lease; position ${position} not stored.`);
    const client = await this.connection();
    await client.query(
      `INSERT INTO ledger.relay_positions (relay_name, position, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (relay_name) DO UPDATE SET position = EXCLUDED.position, updated_at = EXCLUDED.updated_at`,
      [this.relayName, position],
    );
  }

  /**
   * Ends the session, which releases the lock even when the connection is already gone;
   * the next `tryAcquire` opens a new one.
   */
  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held = false;
    this.lost = false;
    if (!client) return;
    await client.end().catch(() => undefined);
  }

  private lockName(): string {
    return `alignment-ledger:outbox-relay:${this.relayName}`;
  }

  private async connection(): Promise<Client> {
    if (this.lost) throw new Error(`Relay ${this.relayName} lost its database session.`);
    if (this.client) return this.client;
    const client = new Client(clientConfigOf(this.dataSource, `outbox-relay:${this.relayName}`));
    client.on('error', () => {
      this.lost = true;
    });
    await client.connect();
    this.client = client;
    return client;
  }
}

/** The pool's own connection settings; TypeORM hands `ssl` to pg unchanged, hence the cast. */
function clientConfigOf(dataSource: DataSource, applicationName: string): ClientConfig {
  const options = dataSource.options as PostgresConnectionOptions;
  return {
    connectionString: options.url,
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password,
    database: options.database,
    ssl: options.ssl as ClientConfig['ssl'],
    application_name: applicationName,
  };
}
