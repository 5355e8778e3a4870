/**
 * The audit service's OpenAPI document, built from the controllers and DTOs themselves
 * so it cannot drift from the code. `apps/audit/openapi.json` is a committed copy that a
 * test keeps equal to what the service serves.
 */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { withApiKeySecurity } from '@ledger/auth';

export function buildAuditOpenApi(app: INestApplication): OpenAPIObject {
  const config = withApiKeySecurity(new DocumentBuilder())
    .setTitle('Alignment Ledger - audit service')
    .setDescription(
      'Lets auditors replay the ledger and prove it unaltered: the full history with every envelope field, the state of a ' +
        'partnership at any past moment (business or ledger time), signed checkpoints (C2SP signed notes over an RFC 6962 ' +
        'Merkle tree of the log in commit order) with inclusion and consistency proofs, verification of chains and ' +
        'checkpoints, exports that verify offline, and replays. Errors are application/problem+json. Every endpoint needs ' +
        'the API key of a service account (Authorization: Bearer alk_...): reading and verifying, the auditor role; ' +
        'starting a replay, the admin role.',
    )
    .setVersion('1')
    .build();
  return SwaggerModule.createDocument(app, config, { operationIdFactory: (_controllerKey, methodKey) => methodKey });
}

/** Where the document and its page are served; like every route, they need an API key. */
export const API_DOCS_PATHS = ['/docs', '/openapi.json', '/openapi.yaml'];

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
}
