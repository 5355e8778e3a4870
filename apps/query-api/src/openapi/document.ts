/**
 * The query API's OpenAPI document, built from the controllers and the view catalogue
 * so it cannot drift from the code: one component schema per view row
 * (`ViewRow_<view>`), typed and described column by column. `apps/query-api/openapi.json`
 * is a committed copy that a test keeps equal to what the service serves.
 */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { withApiKeySecurity } from '@ledger/auth';
import { BI_VIEWS, type BiColumnType, type BiView } from '@ledger/bi';

type JsonSchema = Record<string, unknown>;

const SCHEMA_OF_TYPE: Record<BiColumnType, JsonSchema> = {
  text: { type: 'string' },
  integer: { type: 'integer' },
  bigint: { type: 'integer', format: 'int64' },
  numeric: { type: 'number' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  timestamptz: { type: 'string', format: 'date-time', example: '2025-03-01T09:00:00.000000Z' },
  jsonb: { type: 'object', additionalProperties: true },
};

export function buildQueryApiOpenApi(app: INestApplication): OpenAPIObject {
  const config = withApiKeySecurity(new DocumentBuilder())
    .setTitle('Alignment Ledger - query API')
    .setDescription(
      'The BI views of the Alignment Ledger (schema bi: facts and dimensions of a star schema) over HTTP: every view listed ' +
        'with filters, sorting and keyset cursor pages, one row by its key, and aggregates per period, team or partnership. ' +
        'JSON by default, CSV (streamed) by Accept: text/csv or format=csv. Errors are application/problem+json naming the ' +
        'parameter at fault. The data dictionary (libs/bi/DATA_DICTIONARY.md) explains every column. Every endpoint needs ' +
        'the API key of a service account holding the analyst role (Authorization: Bearer alk_...).',
    )
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
  const schemas = (document.components ??= {}).schemas ?? {};
  for (const view of BI_VIEWS) schemas[`ViewRow_${view.name}`] = rowSchema(view);
  document.components.schemas = schemas;
  describeCsvAsText(document);
  return document;
}

/** Nest describes every media type of a response with the same schema; a CSV answer is text. */
function describeCsvAsText(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    const content = (item.get?.responses['200'] as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content;
    if (content?.['text/csv']) content['text/csv'] = { schema: { type: 'string', description: 'RFC 4180 CSV with a header row.' } };
  }
}

/** Where the document and its page are served; like every route, they need an API key. */
export const API_DOCS_PATHS = ['/docs', '/openapi.json', '/openapi.yaml'];

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json', yamlDocumentUrl: 'openapi.yaml' });
}

function rowSchema(view: BiView): JsonSchema {
  return {
    type: 'object',
    description: `A row of GET /views/${view.name}: ${view.grain}.`,
    required: view.columns.map((column) => column.name),
    properties: Object.fromEntries(
      view.columns.map((column) => [column.name, { ...SCHEMA_OF_TYPE[column.type], nullable: column.nullable, description: column.description }]),
    ),
  };
}
