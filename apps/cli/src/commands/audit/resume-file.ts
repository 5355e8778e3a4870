/**
 * Where `ledgerctl audit verify` keeps what it needs to resume after Ctrl-C: a JSON
 * file on the auditor's machine holding one resume point per ledger, keyed by the
 * ledger's origin. The point is the verifier's own work, so it must stay where only the
 * auditor can write; the file is written with owner-only access.
 */
import { parseResumePoint, type ResumePoint } from '@ledger/audit';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliError } from '../../cli-error';

type ResumeFile = Record<string, unknown>;

export async function savedResumePoint(path: string, origin: string): Promise<ResumePoint | null> {
  const saved = (await readResumeFile(path))[origin];
  return saved === undefined ? null : parseResumePoint(saved);
}

export async function saveResumePoint(path: string, point: ResumePoint): Promise<void> {
  await writeResumeFile(path, { ...(await readResumeFile(path)), [point.origin]: point });
}

export async function forgetResumePoint(path: string, origin: string): Promise<void> {
  const { [origin]: forgotten, ...rest } = await readResumeFile(path);
  if (forgotten !== undefined) await writeResumeFile(path, rest);
}

async function readResumeFile(path: string): Promise<ResumeFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as ResumeFile;
  } catch {
    // Reported below.
  }
  throw new CliError(`${path} is not a verification state file (JSON object by ledger origin); remove it to start afresh.`);
}

async function writeResumeFile(path: string, content: ResumeFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
}
