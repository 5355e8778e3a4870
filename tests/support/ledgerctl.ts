/** Runs a BUILT command (ledgerctl, a service's script) as a person or a deploy script does, and answers what it printed and its exit code. */
import { spawn } from 'node:child_process';
import { builtEntryOf, REPO_ROOT } from './service-process';

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** `entry`: a built script, relative to the repository root, e.g. `dist/apps/query-api/src/create-bi-login.js`. */
export function runBuiltScript(entry: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { cwd: REPO_ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

export function ledgerctl(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runBuiltScript(builtEntryOf('cli'), args, { ...process.env, ...env });
}
