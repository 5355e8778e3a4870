import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { BI_VIEWS } from '@ledger/bi';
import { QUERY_API_HTTP_CONTROLLERS } from '../query-api-http';
import { buildQueryApiOpenApi } from './document';
import { createDocumentationApp } from './openapi-app';
import { formatOpenApi } from './write-openapi';

const COMMITTED = join(__dirname, '..', '..', 'openapi.json');

/** Every route the controllers declare, as "METHOD /path" in OpenAPI notation. */
function declaredRoutes(): string[] {
  const routes: string[] = [];
  for (const controller of QUERY_API_HTTP_CONTROLLERS) {
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

describe('the query API OpenAPI document', () => {
  let app: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await createDocumentationApp();
    document = buildQueryApiOpenApi(app);
  });
  afterAll(() => app.close());

  it('equals the committed apps/query-api/openapi.json (regenerate: npm run build && npm run openapi:write)', () => {
    expect(formatOpenApi(document)).toEqual(readFileSync(COMMITTED, 'utf8'));
  });

  it('documents every route the controllers declare, and no other', () => {
    const documented = Object.entries(document.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(declaredRoutes());
  });

  it('describes the row of every BI view, column by column, with its type and meaning', () => {
    for (const view of BI_VIEWS) {
      const schema = document.components?.schemas?.[`ViewRow_${view.name}`] as { properties: Record<string, { description: string }> };
      expect(Object.keys(schema.properties)).toEqual(view.columns.map((column) => column.name));
      expect(schema.properties[view.key.column].description).toBe(view.columns[0].description);
    }
  });

  it('offers JSON and CSV for the list routes, with a problem for bad input', () => {
    const list = document.paths['/views/{view}'].get as { responses: Record<string, { content: Record<string, unknown> }> };
    expect(Object.keys(list.responses['200'].content).sort()).toEqual(['application/json', 'text/csv']);
    expect(list.responses['400']).toBeDefined();
  });
});
