/** The ledger's seals: the public key, the signed checkpoints, and proofs against them. */
import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresPermission } from '@ledger/auth';
import { AuditError, CheckpointStore, LedgerProofs, type LedgerIdentity, type StoredCheckpoint } from '@ledger/audit';
import { createValidationPipe } from '@ledger/platform';
import { invalidQuery } from '../errors/audit-problems';
import { LEDGER_IDENTITY } from '../infrastructure/audit.providers';
import {
  CheckpointPageSchema,
  CheckpointSchema,
  ConsistencyProofSchema,
  InclusionProofSchema,
  ProblemSchema,
  VerifierKeySchema,
} from '../openapi/schemas';
import { CheckpointsQueryDto, ConsistencyQueryDto, InclusionQueryDto } from './dto/audit-queries.dto';

@RequiresPermission('read-history')
@ApiTags('Seals')
@Controller('audit')
export class SealsHttpController {
  constructor(
    @Inject(LEDGER_IDENTITY) private readonly identity: LedgerIdentity,
    private readonly checkpoints: CheckpointStore,
    private readonly proofs: LedgerProofs,
  ) {}

  @Get('verifier-key')
  @ApiOperation({ operationId: 'GetVerifierKey', summary: 'The public key that verifies every checkpoint; auditors pin it' })
  @ApiOkResponse({ type: VerifierKeySchema })
  verifierKey(): LedgerIdentity {
    return this.identity;
  }

  @Get('checkpoints')
  @ApiOperation({ operationId: 'ListCheckpoints', summary: 'Signed checkpoints in signing order, page by page' })
  @ApiOkResponse({ type: CheckpointPageSchema })
  async list(@Query(createValidationPipe()) query: CheckpointsQueryDto) {
    const checkpoints = await this.checkpoints.list({ afterTreeSize: query.after, limit: query.limit + 1 });
    const page = checkpoints.slice(0, query.limit).map(describeCheckpoint);
    return { checkpoints: page, nextAfter: checkpoints.length > query.limit ? page[page.length - 1]!.treeSize : null };
  }

  @Get('checkpoints/latest')
  @ApiOperation({ operationId: 'GetLatestCheckpoint', summary: 'The newest signed checkpoint' })
  @ApiOkResponse({ type: CheckpointSchema })
  @ApiNotFoundResponse({ type: ProblemSchema, description: 'Nothing is sealed yet.' })
  async latest() {
    const latest = await this.checkpoints.latest();
    if (!latest) throw new AuditError('not-found', 'audit.no-checkpoint', 'Nothing is sealed yet: no checkpoint has been signed.');
    return describeCheckpoint(latest);
  }

  @Get('checkpoints/consistency')
  @ApiOperation({
    operationId: 'GetConsistencyProof',
    summary: 'Proof that checkpoint `to` extends checkpoint `from` (RFC 6962)',
    description: 'Reads the positions and hashes of the first `to` events: cost grows with the tree size.',
  })
  @ApiOkResponse({ type: ConsistencyProofSchema })
  @ApiNotFoundResponse({ type: ProblemSchema, description: 'A size is not that of a signed checkpoint.' })
  consistency(@Query(createValidationPipe()) query: ConsistencyQueryDto) {
    if (query.from === undefined) throw invalidQuery('from', 'from is required: the tree size of the earlier checkpoint.');
    if (query.to === undefined) throw invalidQuery('to', 'to is required: the tree size of the later checkpoint.');
    return this.proofs.consistency(query.from, query.to);
  }

  @Get('events/:eventId/inclusion')
  @ApiOperation({
    operationId: 'GetInclusionProof',
    summary: 'Proof that an event is in the tree a checkpoint signs (RFC 6962)',
    description: 'Reads the positions and hashes of the first treeSize events: cost grows with the tree size.',
  })
  @ApiOkResponse({ type: InclusionProofSchema })
  @ApiNotFoundResponse({ type: ProblemSchema })
  inclusion(@Param('eventId') eventId: string, @Query(createValidationPipe()) query: InclusionQueryDto) {
    return this.proofs.inclusion(eventId, query.treeSize);
  }
}

function describeCheckpoint(checkpoint: StoredCheckpoint) {
  return { ...checkpoint, rootHash: checkpoint.rootHash.toString('base64') };
}
