import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { COMMAND_TYPES } from '../commands/dto/command-catalogue';
import { LEDGER_HTTP_CONTROLLERS } from '../ledger-http.module';
import { buildLedgerOpenApi } from './document';
import { createDocumentationApp } from './openapi-app';
import { formatOpenApi } from './write-openapi';

const COMMITTED = join(__dirname, '..', '..', 'openapi.json');

/** Every route the controllers declare, as "METHOD /path" in OpenAPI notation. */
function declaredRoutes(): string[] {
  const routes: string[] = [];
  for (const controller of LEDGER_HTTP_CONTROLLERS) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as unknown as Record<string, object>)[name];
      const path = Reflect.getMetadata(PATH_METADATA, handler);
      if (name === 'constructor' || path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const full = `/${[base, path].filter((part) => part && part !== '/').join('/')}`.replace(/:(\w+)/g, '{$1}');
      routes.push(`${method} ${full}`);
    }
  }
  return routes.sort();
}

describe('the ledger OpenAPI document', () => {
  let app: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await createDocumentationApp();
    document = buildLedgerOpenApi(app);
  });
  afterAll(() => app.close());

  it('equals the committed apps/ledger/openapi.json (regenerate with npm run openapi:write)', () => {
    expect(formatOpenApi(document)).toEqual(readFileSync(COMMITTED, 'utf8'));
  });

  it('documents every route the controllers declare, and no other', () => {
    const documented = Object.entries(document.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(declaredRoutes());
  });

  it('has one operation per command of the catalogue, with the command DTO as its body', () => {
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item)) as Array<{
      operationId?: string;
      requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
    }>;
    for (const type of COMMAND_TYPES) {
      const operation = operations.find((candidate) => candidate.operationId === type);
      expect(operation).toBeDefined();
      expect(operation?.requestBody?.content['application/json']?.schema.$ref).toMatch(/^#\/components\/schemas\/\w+Dto$/);
    }
  });
});
