/**
 * The faults the reliability suite injects into the running stack, one after another
 * under load, and how long the stack takes to recover from each: from the moment the
 * fault ends (the broker, the database or the killed process is back) until the ledger
 * acknowledges submissions again and both views hold everything committed when the
 * fault ended. The services that were not killed are never restarted: they must find
 * their dependency again by themselves.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import type { OwnKafkaBroker } from '../support/kafka-broker';
import type { LedgerStack, ProjectorApp } from '../support/ledger-stack';
import type { TcpProxy } from '../support/tcp-proxy';
import type { SubmissionLoad } from './submission-load';

export type FaultKind =
  | 'relay killed'
  | 'broker stopped'
  | 'ownership projector killed'
  | 'reporting projector killed'
  | 'database restarted'
  | 'ledger killed between commit and acknowledgement';

export interface FaultRecord {
  kind: FaultKind;
  /** How long the dependency or process was gone. */
  outageMs: number;
  /** From the end of the outage to acknowledgements flowing and both views caught up with it. */
  recoveryMs: number;
  /** What the ledger's readiness said during the outage (for the dependency faults). */
  readinessDuringOutage?: number;
}

export interface FaultTargets {
  stack: LedgerStack;
  broker: OwnKafkaBroker;
  databaseProxy: TcpProxy;
  /** Straight to the database, never through the proxy. */
  pool: Pool;
  load: SubmissionLoad;
}

const RECOVERY_TIMEOUT_MS = 180_000;
const VIEW_SCHEMAS = ['ownership', 'reporting'];

export class FaultInjector {
  readonly records: FaultRecord[] = [];

  constructor(
    private readonly targets: FaultTargets,
    private readonly outageMs: number,
  ) {}

  async inject(kind: FaultKind): Promise<FaultRecord> {
    const started = Date.now();
    const readinessDuringOutage = await this.outage(kind);
    const ended = Date.now();
    const recoveryMs = await this.untilRecovered(ended);
    const record: FaultRecord = { kind, outageMs: ended - started, recoveryMs, ...(readinessDuringOutage === undefined ? {} : { readinessDuringOutage }) };
    this.records.push(record);
    process.stdout.write(`  fault "${kind}": out ${record.outageMs} ms, recovered in ${recoveryMs} ms${readinessDuringOutage === undefined ? '' : `, readiness meanwhile ${readinessDuringOutage}`}\n`);
    return record;
  }

  /** Causes the fault and ends it; answers the ledger's readiness status seen meanwhile, for dependency faults. */
  private async outage(kind: FaultKind): Promise<number | undefined> {
    const { stack, broker, databaseProxy } = this.targets;
    switch (kind) {
      case 'relay killed':
        await this.midBatch();
        await stack.relay?.kill('SIGKILL');
        await stack.stopRelay();
        await sleep(this.outageMs);
        await stack.startRelay();
        return undefined;
      case 'ownership projector killed':
      case 'reporting projector killed': {
        const app: ProjectorApp = kind.startsWith('ownership') ? 'ownership-projector' : 'reporting-projector';
        await this.midBatch();
        await stack.stopProjector(app, 'SIGKILL');
        await sleep(this.outageMs);
        await stack.startProjector(app);
        return undefined;
      }
      case 'broker stopped': {
        await broker.stop();
        const readiness = await this.readinessAfterAWhile();
        await broker.restart();
        return readiness;
      }
      case 'database restarted': {
        await databaseProxy.cut();
        const readiness = await this.readinessAfterAWhile();
        await databaseProxy.restore();
        return readiness;
      }
      case 'ledger killed between commit and acknowledgement':
        // Under load there are always appends committed whose answers are still on their way.
        await this.midBatch();
        await stack.killLedger('SIGKILL');
        await sleep(this.outageMs / 4);
        await stack.startLedger();
        return undefined;
    }
  }

  /** Lets the load run briefly, so the kill lands while batches are in flight. */
  private async midBatch(): Promise<void> {
    await sleep(150 + Math.random() * 300);
  }

  private async readinessAfterAWhile(): Promise<number> {
    await sleep(this.outageMs);
    const response = await fetch(`${this.targets.stack.ledger.url}/health/ready`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
    return response?.status ?? 0;
  }

  /** Waits for a new acknowledgement and for both views to hold every stream as it stood at `since`. */
  private async untilRecovered(since: number): Promise<number> {
    const heads = await this.streamVersions();
    const deadline = Date.now() + RECOVERY_TIMEOUT_MS;
    for (;;) {
      const acknowledging = this.targets.load.counters.lastAcknowledgedAt > since;
      const behind = await this.streamsBehind(heads);
      if (acknowledging && Object.values(behind).every((streams) => streams === 0)) return Date.now() - since;
      if (Date.now() > deadline) {
        throw new Error(
          `The stack did not recover within ${RECOVERY_TIMEOUT_MS} ms: acknowledging again: ${acknowledging}; streams behind: ${JSON.stringify(behind)}.\n${this.serviceLogs()}`,
        );
      }
      await sleep(100);
    }
  }

  /** The latest output of every service, for a failure message. */
  serviceLogs(): string {
    const { stack } = this.targets;
    const services = [stack.ledgerOrNull, stack.relay, ...(['ownership-projector', 'reporting-projector'] as const).map((app) => stack.projectorOrNull(app))];
    return services
      .filter((service) => service !== null)
      .map((service) => `--- ${service.app} ---\n${service.logs().split('\n').slice(-25).join('\n')}`)
      .join('\n');
  }

  private async streamVersions(): Promise<Map<string, number>> {
    const { rows } = await this.targets.pool.query<{ stream_id: string; version: number }>('SELECT stream_id, version FROM ledger.streams');
    return new Map(rows.map((row) => [row.stream_id, row.version]));
  }

  /** Per view, the streams it has not applied up to the given versions yet. */
  private async streamsBehind(heads: Map<string, number>): Promise<Record<string, number>> {
    const behind: Record<string, number> = {};
    for (const schema of VIEW_SCHEMAS) {
      const { rows } = await this.targets.pool
        .query<{ stream_id: string; version: number }>(`SELECT stream_id, version FROM ${schema}.stream_positions`)
        .catch(() => ({ rows: [] as { stream_id: string; version: number }[] }));
      const applied = new Map(rows.map((row) => [row.stream_id, row.version]));
      behind[schema] = [...heads].filter(([streamId, version]) => (applied.get(streamId) ?? 0) < version).length;
    }
    return behind;
  }
}
