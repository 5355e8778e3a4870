/**
 * Liveness and readiness endpoints shared by every service.
 *
 * Liveness answers as long as the process runs; readiness asks each dependency
 * (Postgres, Kafka, ...) with a bounded wait, so an orchestrator (or the local
 * bootstrap script) routes traffic only to an instance that can do its work.
 * A service registers `HealthController` and provides `READINESS_CHECKS`.
 */
import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency is usable; rejects (or times out) when not. */
  check(): Promise<void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
const CHECK_TIMEOUT_MS = 2_000;

export type ReadinessReport = { status: 'ready' | 'not-ready'; checks: Record<string, { status: 'up' | 'down'; detail?: string }> };

export async function runReadinessChecks(checks: ReadinessCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), CHECK_TIMEOUT_MS, `${name} did not answer within ${CHECK_TIMEOUT_MS} ms`);
        return [name, { status: 'up' as const }] as const;
      } catch (error) {
        return [name, { status: 'down' as const, detail: error instanceof Error ? error.message : String(error) }] as const;
      }
    }),
  );
  const ready = results.every(([, result]) => result.status === 'up');
  return { status: ready ? 'ready' : 'not-ready', checks: Object.fromEntries(results) };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  @Get('live')
  live(): { status: 'alive' } {
    return { status: 'alive' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await runReadinessChecks(this.checks);
    if (report.status !== 'ready') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
