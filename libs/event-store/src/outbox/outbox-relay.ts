/**
 * Publishes every recorded event to the ledger topic, in order, at least once.
 *
 * The events table is the outbox. An append already writes each event once, in its own
 * transaction; copying it into a second outbox table would double the write volume for
 * no gain. The relay instead keeps a cursor (`ledger.relay_positions`) into the log and
 * reads it with `EventStore.readAll`, which never skips an event committed late.
 *
 * Each batch is sent, then its position stored. A crash between the two sends the batch
 * again on restart: duplicates, never losses. Consumers dedupe by (stream id, stream
 * version). One process publishes at a time (see `RelayLease`); others wait as standbys.
 */
import type { EventPublisher } from '@ledger/messaging';
import type { DataSource } from 'typeorm';
import type { EventStore } from '../event-store';
import { publishableToOutboxMessage } from './outbox-message';
import { RelayLease } from './relay-lease';

/** Satisfied by a pino logger (or nestjs-pino's). */
export interface RelayLogger {
  info(context: object, message: string): void;
  warn(context: object, message: string): void;
  error(context: object, message: string): void;
}

export interface OutboxRelayOptions {
  eventStore: EventStore;
  dataSource: DataSource;
  /** `KafkaEventPublisher` from `@ledger/messaging` in production. */
  producer: EventPublisher;
  /** The topic the producer writes to; the relay names it in its logs. */
  topic: string;
  relayName?: string;
  batchSize?: number;
  /** Pause after finding nothing new to publish. */
  idleDelayMs?: number;
  /** How often a standby asks for the lease. */
  standbyDelayMs?: number;
  logger?: RelayLogger;
}

export interface RelayLag {
  /** Events recorded but not yet published. */
  events: number;
  /** Position of the last event published. */
  position: number;
  /** Highest position of a committed event. */
  head: number;
}

/** Events read and sent per batch unless told otherwise. */
export const DEFAULT_RELAY_BATCH_SIZE = 500;
const MAX_BACKOFF_MS = 5_000;
const FIRST_BACKOFF_MS = 100;
const SILENT: RelayLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Sending failed: keep the lease and the position, retry the same batch. */
class PublishFailedError extends Error {
  constructor(cause: unknown) {
    super(`Publishing failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

export class OutboxRelay {
  readonly relayName: string;
  private readonly batchSize: number;
  private readonly idleDelayMs: number;
  private readonly standbyDelayMs: number;
  private readonly logger: RelayLogger;
  private readonly lease: RelayLease;
  private position: number | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: () => void = () => undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    this.relayName = options.relayName ?? 'ledger-events';
    this.batchSize = options.batchSize ?? DEFAULT_RELAY_BATCH_SIZE;
    this.idleDelayMs = options.idleDelayMs ?? 50;
    this.standbyDelayMs = options.standbyDelayMs ?? 1_000;
    this.logger = options.logger ?? SILENT;
    this.lease = new RelayLease(options.dataSource, this.relayName);
  }

  /** True while this instance holds the lease and publishes; false while it stands by. */
  isActive(): boolean {
    return this.lease.isHeld;
  }

  /**
   * Publishes the next batch after the stored position and stores the new position.
   * Returns how many events it published: 0 when there was nothing new, or when
   * another instance holds the lease.
   */
  async runOnce(): Promise<number> {
    try {
      return await this.publishNextBatch();
    } catch (error) {
      // The batch is sent again later either way; only a failed send keeps the lease.
      if (!(error instanceof PublishFailedError)) await this.stepDown();
      throw error;
    }
  }

  /** Publishes until `stop()`: batch after batch, pausing when idle, backing off on failures. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Lets the batch in flight finish, then gives up the lease for a standby to take. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.running;
    this.running = null;
    await this.stepDown();
  }

  async lag(): Promise<RelayLag> {
    const rows: { position: string }[] = await this.options.dataSource.query(
      'SELECT position FROM ledger.relay_positions WHERE relay_name = $1',
      [this.relayName],
    );
    const position = Number(rows[0]?.position ?? 0);
    const [events, head] = await Promise.all([
      this.options.eventStore.countAll({ afterPosition: position }),
      this.options.eventStore.headPosition(),
    ]);
    return { events, position, head };
  }

  private async loop(): Promise<void> {
    let failures = 0;
    let failingSince = 0;
    while (!this.stopping) {
      try {
        const published = await this.runOnce();
        if (failures > 0) {
          this.logger.info({ relay: this.relayName, topic: this.options.topic, failures, downForMs: Date.now() - failingSince }, 'Outbox relay works again');
        }
        failures = 0;
        if (published === 0) await this.pause(this.isActive() ? this.idleDelayMs : this.standbyDelayMs);
      } catch (error) {
        if (failures === 0) failingSince = Date.now();
        failures += 1;
        await this.recover(error, failures);
      }
    }
  }

  private async recover(error: unknown, failures: number): Promise<void> {
    const delayMs = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (failures - 1));
    const context = { relay: this.relayName, topic: this.options.topic, failures, delayMs, err: error };
    if (error instanceof PublishFailedError) {
      this.logger.warn(context, 'Outbox relay could not publish; retrying the same batch');
    } else {
      this.logger.error(context, 'Outbox relay failed and gave up its lease; retrying');
    }
    await this.pause(delayMs);
  }

  private async publishNextBatch(): Promise<number> {
    const after = await this.positionIfActive();
    if (after === null) return 0;
    const events = await this.options.eventStore.readAllForPublishing({ afterPosition: after, limit: this.batchSize });
    if (events.length === 0) return 0;
    try {
      await this.options.producer.send(events.map(publishableToOutboxMessage));
    } catch (error) {
      throw new PublishFailedError(error);
    }
    const last = events[events.length - 1].globalPosition;
    await this.lease.storePosition(last);
    this.position = last;
    return events.length;
  }

  /** The stored position when this instance holds the lease (taking it if free), else null. */
  private async positionIfActive(): Promise<number | null> {
    if (!this.lease.isHeld) {
      this.position = null;
      if (!(await this.lease.tryAcquire())) return null;
      this.logger.info({ relay: this.relayName, topic: this.options.topic }, 'Outbox relay took the lease and publishes');
    }
    if (this.position === null) this.position = await this.lease.readPosition();
    return this.position;
  }

  private async stepDown(): Promise<void> {
    this.position = null;
    await this.lease.release();
  }

  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
