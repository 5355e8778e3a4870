/**
 * Exports over HTTP: the NDJSON lines of a range, streamed as they are read, and the
 * range's manifest at a second route. The stream's headers name the range it resolved
 * to, by position, and link to its manifest (`Link: <...>; rel="describedby"`), so a
 * range asked by time yields a manifest for exactly the events streamed, even if more
 * are recorded meanwhile. Save both as `events.ndjson` and `manifest.json` and verify
 * offline with `ledgerctl audit verify-export <dir>`.
 */
import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import { CommittedLog, LedgerExporter, resolveRange, type ResolvedRange } from '@ledger/audit';
import { createValidationPipe } from '@ledger/platform';
import type { Response } from 'express';
import { once } from 'node:events';
import { ExportQueryDto } from './dto/audit-queries.dto';

@RequiresPermission('read-history')
@ApiTags('Export')
@Controller('audit/export')
export class ExportHttpController {
  constructor(
    private readonly log: CommittedLog,
    private readonly exporter: LedgerExporter,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'ExportEvents', summary: 'A range of the log as NDJSON (one envelope per line), streamed; by position or by ledger time' })
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: 'The events; headers X-Export-First-Position, X-Export-Last-Position and Link (rel=describedby) to the manifest.' })
  async events(@Query(createValidationPipe()) query: ExportQueryDto, @Res() response: Response): Promise<void> {
    const range = await resolveRange(this.log, query);
    response.status(200).setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    if (range.first && range.through) {
      response.setHeader('X-Export-First-Position', String(range.first.position));
      response.setHeader('X-Export-Last-Position', String(range.through.position));
      response.setHeader('Link', `<${manifestLink(range)}>; rel="describedby"`);
    }
    await this.exporter.export(range, async (line) => {
      if (!response.write(line)) await once(response, 'drain');
    });
    response.end();
  }

  @Get('manifest')
  @ApiOperation({ operationId: 'ExportManifest', summary: 'The manifest of a range: hash, count, stream heads, compact range, checkpoints and proofs' })
  @ApiOkResponse({ description: 'An alignment-ledger-export/2 manifest.' })
  async manifest(@Query(createValidationPipe()) query: ExportQueryDto) {
    return this.exporter.export(await resolveRange(this.log, query), () => undefined);
  }
}

/** By position: the manifest then describes exactly the events streamed, whatever is recorded meanwhile. */
function manifestLink(range: ResolvedRange): string {
  return `/audit/export/manifest?fromPosition=${range.first!.position}&toPosition=${range.through!.position}`;
}
