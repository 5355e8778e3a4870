/**
 * What a projector answers over HTTP: liveness and readiness (Postgres, Kafka and the
 * consumer, plus how far behind the view is, reported without failing readiness) to
 * anyone, as orchestrators hold no key; the lag and a rebuild's progress to whoever
 * watches the pipeline; starting a rebuild to an admin (`POST` answers 202 with the
 * rebuild's id and its `Location`; `GET` there shows its progress).
 */
import { Controller, Get, HttpCode, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { Public, RequiresPermission } from '@ledger/auth';
import { problem, ProblemException, runReadinessChecks } from '@ledger/platform';
import type { Response } from 'express';
import type { ProjectionLag } from '../runtime/projection-lag';
import { ProjectorError } from '../runtime/projector-error';
import { ProjectorRuntime } from '../runtime/projector-runtime';
import type { RebuildProgress } from '../runtime/rebuild-progress';

const STATUS_OF_PROJECTOR_ERROR: Partial<Record<ProjectorError['code'], number>> = {
  'projector.rebuild-in-progress': HttpStatus.CONFLICT,
  'projector.rebuild-not-found': HttpStatus.NOT_FOUND,
};

@Controller()
export class ProjectionHttpController {
  constructor(private readonly projector: ProjectorRuntime) {}

  @Public()
  @Get('health/live')
  live(): { status: 'alive' } {
    return { status: 'alive' };
  }

  @Public()
  @Get('health/ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const [report, projection] = await Promise.all([
      runReadinessChecks(this.projector.readinessProbes()),
      this.projector.catchUpReport().catch((error: Error) => ({ unknown: error.message })),
    ]);
    if (report.status !== 'ready') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { ...report, projection };
  }

  @RequiresPermission('read-operations')
  @Get('projection/lag')
  lag(): Promise<ProjectionLag> {
    return this.projector.lag();
  }

  @RequiresPermission('run-operations')
  @Post('projection/rebuild')
  @HttpCode(HttpStatus.ACCEPTED)
  async rebuild(@Res({ passthrough: true }) response: Response): Promise<RebuildProgress> {
    const progress = await this.projector.startRebuild().catch(asProblem);
    response.location(`/projection/rebuild/${progress.id}`);
    return progress;
  }

  @RequiresPermission('read-operations')
  @Get('projection/rebuild/:id')
  rebuildProgress(@Param('id') id: string): RebuildProgress {
    try {
      return this.projector.rebuildProgress(id);
    } catch (error) {
      return asProblem(error);
    }
  }
}

function asProblem(error: unknown): never {
  const status = error instanceof ProjectorError ? STATUS_OF_PROJECTOR_ERROR[error.code] : undefined;
  if (status === undefined) throw error;
  const { code, message, field } = error as ProjectorError;
  throw new ProblemException(problem(status, code, message, { errors: field ? [{ field, rule: code, message }] : undefined }));
}
