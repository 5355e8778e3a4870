import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AUDIT_HTTP_CONTROLLERS } from '../audit-http.controllers';
import { buildAuditOpenApi } from './document';
import { createDocumentationApp } from './openapi-app';
import { formatOpenApi } from './write-openapi';

const COMMITTED = join(__dirname, '..', '..', 'openapi.json');

/** Every route the controllers declare, as "METHOD /path" in OpenAPI notation. */
function declaredRoutes(): string[] {
  const routes: string[] = [];
  for (const controller of AUDIT_HTTP_CONTROLLERS) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = (controller.prototype as unknown as Record<string, object>)[name];
      const path = name === 'constructor' ? undefined : Reflect.getMetadata(PATH_METADATA, handler);
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const full = `/${[base, path].filter((part) => part && part !== '/').join('/')}`.replace(/:(\w+)/g, '{$1}');
      routes.push(`${method} ${full}`);
    }
  }
  return routes.sort();
}

describe('the audit OpenAPI document', () => {
  let app: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await createDocumentationApp();
    document = buildAuditOpenApi(app);
  });
  afterAll(() => app.close());

  it('equals the committed apps/audit/openapi.json (regenerate: npm run build && npm run openapi:write)', () => {
    expect(formatOpenApi(document)).toEqual(readFileSync(COMMITTED, 'utf8'));
  });

  it('documents every route the controllers declare, and no other', () => {
    const documented = Object.entries(document.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(declaredRoutes());
  });

  it('gives every operation an id and a summary, and names the problems of the routes that can refuse', () => {
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item)) as Array<{
      operationId?: string;
      summary?: string;
    }>;
    expect(operations.every((operation) => operation.operationId && operation.summary)).toBe(true);
    expect(document.components?.schemas?.ProblemSchema).toBeDefined();
  });
});
