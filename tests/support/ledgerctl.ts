/** Runs the BUILT `ledgerctl` as a person or a deploy script does, and answers what it printed and its exit code. */
import { spawn } from 'node:child_process';
import { builtEntryOf, REPO_ROOT } from './service-process';

export interface CliRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export function ledgerctl(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [builtEntryOf('cli'), ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}
