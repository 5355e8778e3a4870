/**
 * Writes the audit service's OpenAPI document to `apps/audit/openapi.json`.
 * Run after changing a route or a DTO: `npm run build && npm run openapi:write` (every service's document).
 * A unit test fails while the committed copy differs from the code.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAuditOpenApi } from './document';
import { createDocumentationApp } from './openapi-app';

export function formatOpenApi(document: object): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<void> {
  const app = await createDocumentationApp();
  const target = process.argv[2] ?? join(process.cwd(), 'apps', 'audit', 'openapi.json');
  writeFileSync(target, formatOpenApi(buildAuditOpenApi(app)));
  await app.close();
  process.stdout.write(`OpenAPI document written to ${target}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
