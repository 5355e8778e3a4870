/**
 * The proof a view is right: rebuild it from scratch with the projector's own rebuild
 * command (it switches readers to the rebuild and keeps the schema it retires), then
 * compare the retired schema - what the running projector built - with the rebuild,
 * row by row.
 */
import { comparableTables, compareSchemas, ownershipProjection, reportingProjection, type Projection, type SchemaComparison } from '@ledger/projections';
import type { Pool } from 'pg';
import type { ProjectorApp } from './ledger-stack';
import { runBuiltScript, type CliRun } from './ledgerctl';

export const PROJECTOR_VIEWS: Record<ProjectorApp, { schema: string; projection: Projection }> = {
  'ownership-projector': { schema: 'ownership', projection: ownershipProjection() },
  'reporting-projector': { schema: 'reporting', projection: reportingProjection() },
};


export function runRebuildScript(app: ProjectorApp, databaseUrl: string): Promise<CliRun> {
  return runBuiltScript(`dist/apps/${app}/src/rebuild.js`, [], { ...process.env, DATABASE_URL: databaseUrl });
}

/** Rebuilds the view and compares what the projector had built with the rebuild. */
export async function compareWithRebuild(app: ProjectorApp, databaseUrl: string, pool: Pool): Promise<{ rebuild: CliRun; comparison: SchemaComparison | null }> {
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
