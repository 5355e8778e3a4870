/**
 * The proof a view is right: rebuild it from scratch with the projector's own rebuild
 * command (it switches readers to the rebuild and keeps the schema it retires), then
 * compare the retired schema - what the running projector built - with the rebuild,
 * row by row.
 */
import { spawn } from 'node:child_process';
import { comparableTables, compareSchemas, ownershipProjection, reportingProjection, type Projection, type SchemaComparison } from '@ledger/projections';
import type { Pool } from 'pg';
import type { ProjectorApp } from './ledger-stack';
import { REPO_ROOT } from './service-process';

export const PROJECTOR_VIEWS: Record<ProjectorApp, { schema: string; projection: Projection }> = {
  'ownership-projector': { schema: 'ownership', projection: ownershipProjection() },
  'reporting-projector': { schema: 'reporting', projection: reportingProjection() },
};

export interface CommandRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export function runRebuildScript(app: ProjectorApp, databaseUrl: string): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`dist/apps/${app}/src/rebuild.js`], { cwd: REPO_ROOT, env: { ...process.env, DATABASE_URL: databaseUrl } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

/** Rebuilds the view and compares what the projector had built with the rebuild. */
export async function compareWithRebuild(app: ProjectorApp, databaseUrl: string, pool: Pool): Promise<{ rebuild: CommandRun; comparison: SchemaComparison | null }> {
  const rebuild = await runRebuildScript(app, databaseUrl);
  const { schema, projection } = PROJECTOR_VIEWS[app];
  const retired = /previous one is kept as (\w+)/.exec(rebuild.stdout)?.[1];
  if (rebuild.exitCode !== 0 || !retired) return { rebuild, comparison: null };
  const comparison = await compareSchemas((sql, params) => pool.query(sql, params), schema, retired, comparableTables(projection));
  return { rebuild, comparison };
}

/** Rows that differ between the two builds, over every table. */
export function divergentRows(comparison: SchemaComparison): number {
  return comparison.tables.reduce((sum, table) => sum + Math.max(table.differences.length, Math.abs(table.firstRows - table.secondRows)), 0);
}
