/**
 * An export bundle on disk: a directory holding `events.ndjson` and `manifest.json`.
 * Writing streams the lines with backpressure (constant memory, any size); verifying
 * reads the directory alone, offline: no database, no network, only the bundle and,
 * ideally, the verifier key the auditor pinned.
 */
import type { EventEnvelope } from '@ledger/contracts';
import { verifyExportBundle, type ExportManifest, type ExportVerification } from '@ledger/integrity';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { AuditError } from '../audit-error';
import type { ExportProgress, LedgerExporter } from './ledger-exporter';
import type { ResolvedRange } from './log-range';

export const EXPORT_EVENTS_FILE = 'events.ndjson';
export const EXPORT_MANIFEST_FILE = 'manifest.json';

/** Writes the bundle into `directory` (created if missing; it must not hold a bundle already). */
export async function writeExportDirectory(
  exporter: LedgerExporter,
  range: ResolvedRange,
  directory: string,
  onProgress?: (progress: ExportProgress) => void,
  /** Stops the export before the next event; the bundle then holds, and seals, what was written. */
  signal?: AbortSignal,
): Promise<ExportManifest> {
  await mkdir(directory, { recursive: true });
  const present = (await readdir(directory)).filter((name) => name === EXPORT_EVENTS_FILE || name === EXPORT_MANIFEST_FILE);
  if (present.length > 0) {
    throw new AuditError('conflict', 'audit.export-exists', `${directory} already holds an export (${present.join(', ')}); choose an empty directory.`, 'out');
  }
  const file = createWriteStream(join(directory, EXPORT_EVENTS_FILE), { encoding: 'utf8' });
  const closed = once(file, 'close');
  let manifest: ExportManifest;
  try {
    manifest = await exporter.export(range, async (line) => {
      if (!file.write(line)) await once(file, 'drain');
    }, onProgress, signal);
  } finally {
    file.end();
    await closed;
  }
  await writeFile(join(directory, EXPORT_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Verifies the bundle in `directory` offline; pass the pinned key to prove where it came from. */
export async function verifyExportDirectory(directory: string, trustedVerifierKey?: string): Promise<ExportVerification> {
  const manifest = await readManifest(directory);
  const lines = await openLines(directory);
  try {
    return await verifyExportBundle(lines, manifest, trustedVerifierKey);
  } finally {
    lines.close();
  }
}

/** The events of a bundle, in order, in pages (for a replay); verify the bundle first. */
export async function* readExportPages(directory: string, pageSize: number): AsyncGenerator<EventEnvelope[]> {
  let page: EventEnvelope[] = [];
  for await (const line of await openLines(directory)) {
    if (line === '') continue;
    page.push(JSON.parse(line) as EventEnvelope);
    if (page.length === pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

async function openLines(directory: string): Promise<Interface> {
  const path = join(directory, EXPORT_EVENTS_FILE);
  try {
    await access(path);
  } catch {
    throw new AuditError('invalid', 'audit.unreadable-export', `${directory} holds no readable ${EXPORT_EVENTS_FILE}: is it an export directory?`, 'directory');
  }
  return createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
}

async function readManifest(directory: string): Promise<ExportManifest> {
  let text: string;
  try {
    text = await readFile(join(directory, EXPORT_MANIFEST_FILE), 'utf8');
  } catch {
    throw new AuditError('invalid', 'audit.unreadable-export', `${directory} holds no readable ${EXPORT_MANIFEST_FILE}: is it an export directory?`, 'directory');
  }
  try {
    return JSON.parse(text) as ExportManifest;
  } catch {
    throw new AuditError('invalid', 'audit.unreadable-export', `${join(directory, EXPORT_MANIFEST_FILE)} is not valid JSON.`, 'directory');
  }
}
