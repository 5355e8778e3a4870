/**
 * Runs the sealer in the background: a checkpoint once `eventThreshold` events wait
 * unsealed, or once `intervalMs` has passed since the last seal with anything new.
 * It looks at most once a second (or every `intervalMs`, when shorter), and a failed
 * seal is logged and tried again on the next look: sealing late loses nothing, since
 * the events wait in the log.
 */
import type { EventStore } from '@ledger/event-store';
import type { Logger } from '@ledger/platform';
import type { CheckpointStore } from './checkpoint-store';
import type { Sealer } from './sealer';

export interface SealScheduleOptions {
  sealer: Sealer;
  checkpoints: CheckpointStore;
  eventStore: EventStore;
  intervalMs: number;
  eventThreshold: number;
  logger: Logger;
  clock?: () => number;
}

const LONGEST_LOOK_INTERVAL_MS = 1_000;

export class SealSchedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private lastSealAt: number;

  constructor(private readonly options: SealScheduleOptions) {
    this.lastSealAt = this.now();
  }

  start(): void {
    if (this.timer) return;
    const every = Math.min(this.options.intervalMs, LONGEST_LOOK_INTERVAL_MS);
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.look());
    }, every);
  }

  /** Stops looking and waits for a seal in progress to finish. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async look(): Promise<void> {
    const { sealer, checkpoints, eventStore, intervalMs, eventThreshold, logger } = this.options;
    try {
      const { lastPosition } = await checkpoints.treeState();
      const waiting = await eventStore.countAll({ afterPosition: lastPosition });
      const due = waiting >= eventThreshold || (waiting > 0 && this.now() - this.lastSealAt >= intervalMs);
      if (!due) return;
      for (const { checkpoint, events } of await sealer.sealAll()) {
        logger.info({ treeSize: checkpoint.treeSize, lastPosition: checkpoint.lastPosition, events }, 'Sealed a checkpoint');
      }
      this.lastSealAt = this.now();
    } catch (error) {
      logger.error({ err: error }, 'Sealing failed; trying again shortly');
    }
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }
}
