/**
 * The ledger's OpenAPI document, built from the controllers and DTOs themselves so it
 * cannot drift from the code. `apps/ledger/openapi.json` is a committed copy that a test
 * keeps equal to what the service serves.
 */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { withApiKeySecurity } from '@ledger/auth';

/** Where the document and its page are served; like every route, they need an API key. */
export const API_DOCS_PATHS = ['/docs', '/openapi.json', '/openapi.yaml'];

export function buildLedgerOpenApi(app: INestApplication): OpenAPIObject {
  const config = withApiKeySecurity(new DocumentBuilder())
    .setTitle('Alignment Ledger - ledger service')
    .setDescription(
      'Records partnership decisions, contributions and performance readings between Marketing, Sales, IT and ' +
        'Finance as immutable events. Every command answers with the recorded events and the new stream version, ' +
        'or with an application/problem+json error naming the field and the rule broken; nothing is half-written. ' +
        'Every endpoint needs the API key of a service account (Authorization: Bearer alk_...); what each role may ' +
        'call is listed under each operation\'s 403 answer.',
    )
    .setVersion('1')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
}
