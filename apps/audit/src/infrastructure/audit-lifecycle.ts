/**
 * Runs the audit's background work inside the service's lifecycle: the seal schedule
 * starts once the service is up (unless sealing is switched off, e.g. for a read-only
 * replica), and SIGTERM lets a seal in progress and any running job finish first.
 */
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CheckpointStore, Sealer, SealSchedule } from '@ledger/audit';
import { EventStore } from '@ledger/event-store';
import { createLogger } from '@ledger/platform';
import { AuditConfig } from '../audit.config';
import { BackgroundJobs } from '../jobs/background-jobs';

@Injectable()
export class AuditLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly schedule: SealSchedule;

  constructor(
    private readonly config: AuditConfig,
    private readonly jobs: BackgroundJobs,
    sealer: Sealer,
    checkpoints: CheckpointStore,
    eventStore: EventStore,
  ) {
    this.schedule = new SealSchedule({
      sealer,
      checkpoints,
      eventStore,
      intervalMs: config.sealIntervalMs,
      eventThreshold: config.sealEvents,
      logger: createLogger('audit'),
    });
  }

  onApplicationBootstrap(): void {
    if (this.config.sealingEnabled) this.schedule.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.schedule.stop();
    await this.jobs.stopAll();
  }
}
