/**
 * Runs a BUILT service (`node dist/apps/<app>/src/main.js`) as a child process for
 * end-to-end tests, exactly as it runs in production: its own environment, a free
 * port, ready once `/health/ready` says so. Its output is kept (the latest part) so a
 * failing test can show what the service said; `stop()` sends SIGTERM and waits for
 * the graceful shutdown to finish, `kill(signal)` sends any signal and waits for the exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join, resolve } from 'node:path';

/** The repository, whether this file runs from source (tests/support) or built (dist/tests/support, e.g. the benchmarks). */
export const REPO_ROOT = resolve(__dirname, basename(resolve(__dirname, '../..')) === 'dist' ? '../../..' : '../..');

export interface ServiceProcessOptions {
  /** The folder under `apps/`, e.g. `ledger` or `outbox-relay`. */
  app: string;
  /** Added to the test's own environment; PORT is chosen here. */
  env: Record<string, string>;
  readyTimeoutMs?: number;
  stopTimeoutMs?: number;
}

/** Enough of a service's log to see why it failed, without holding a long run's output in memory. */
const KEPT_LOG_CHARACTERS = 200_000;
const POLL_INTERVAL_MS = 200;

/**
 * Node options for the services only (SERVICE_NODE_OPTIONS, e.g. "--max-old-space-size=256"),
 * so a run can cap the services' heaps without capping the test or benchmark driving them.
 */
export function serviceNodeOptions(): string[] {
  return (process.env.SERVICE_NODE_OPTIONS ?? '').split(/\s+/).filter((option) => option.length > 0);
}

let deployedOptions: Record<string, string[]> | null = null;

/** The node options an app is deployed with (deploy/service-node-options.json, read once), so tests run it as it runs. */
export function deployedNodeOptions(app: string): string[] {
  deployedOptions ??= JSON.parse(readFileSync(join(REPO_ROOT, 'deploy', 'service-node-options.json'), 'utf8')) as Record<string, string[]>;
  return deployedOptions[app] ?? [];
}

export class ServiceProcess {
  private log = '';
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(
    readonly app: string,
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly stopTimeoutMs: number,
  ) {
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString('utf8')).slice(-KEPT_LOG_CHARACTERS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolveExit) =>
      child.once('exit', (code) => {
        this.exitCode = code;
        resolveExit(code);
      }),
    );
  }

  /** Starts the service on a free port and resolves once it is ready; fails with its log if it exits or never gets ready. */
  static async start(options: ServiceProcessOptions): Promise<ServiceProcess> {
    const entry = builtEntryOf(options.app);
    const port = await freePort();
    // SERVICE_NODE_OPTIONS last: where both set an option, the run's own choice wins.
    const child = spawn(process.execPath, [...deployedNodeOptions(options.app), ...serviceNodeOptions(), entry], {
      cwd: REPO_ROOT,
      env: { ...process.env, HOST: '127.0.0.1', ...options.env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const service = new ServiceProcess(options.app, port, child, options.stopTimeoutMs ?? 30_000);
    try {
      await service.waitUntilReady(options.readyTimeoutMs ?? 60_000);
    } catch (error) {
      child.kill('SIGKILL');
      await service.exited;
      throw error;
    }
    return service;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The latest output of the service, for failure messages. */
  logs(): string {
    return this.log;
  }

  /**
   * Sends `signal` and waits for the process to exit, whatever its exit code: e.g.
   * SIGKILL, so no shutdown hook runs, to see what a crash leaves behind.
   */
  async kill(signal: NodeJS.Signals): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.kill(signal);
    await this.exited;
  }

  /** SIGTERM, then waits for the process to exit; kills it and fails if it does not stop in time. */
  async stop(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolveTimeout) => {
      timer = setTimeout(() => resolveTimeout('timeout'), this.stopTimeoutMs);
    });
    const outcome = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.child.kill('SIGKILL');
      await this.exited;
      throw new Error(`${this.app} did not stop within ${this.stopTimeoutMs} ms of SIGTERM; killed it.\n${this.logTail()}`);
    }
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== undefined) {
        throw new Error(`${this.app} exited with code ${this.exitCode} before it was ready.\n${this.logTail()}`);
      }
      if (await this.answersReady()) return;
      await new Promise((resolveWait) => setTimeout(resolveWait, POLL_INTERVAL_MS));
    }
    throw new Error(`${this.app} was not ready at ${this.url}/health/ready within ${timeoutMs} ms.\n${this.logTail()}`);
  }

  private async answersReady(): Promise<boolean> {
    try {
      const response = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(5_000) });
      return response.ok;
    } catch {
      return false;
    }
  }

  private logTail(): string {
    return `Last output of ${this.app}:\n${this.log.split('\n').slice(-40).join('\n')}`;
  }
}

/** `dist/apps/<app>/src/main.js`; fails, saying to build, when it is missing. */
export function builtEntryOf(app: string): string {
  const entry = join(REPO_ROOT, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(entry)) {
    throw new Error(`${entry} is missing: run \`npm run build\` before the end-to-end tests (they run the built apps).`);
  }
  return entry;
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('No port assigned.'))));
    });
  });
}
