/**
 * A Kafka broker of a test file's own (deploy/local/kafka.sh, instance and ports of its
 * own, formatted afresh with its own SCRAM credentials), for tests that stop and start
 * the broker: the shared test broker must stay up for the files running beside them.
 * `environment()` is what a test points its clients and services at.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { REPO_ROOT } from './service-process';

const run = promisify(execFile);
const KAFKA_SCRIPT = 'deploy/local/kafka.sh';

export interface OwnBrokerOptions {
  instance: string;
  port: number;
  controllerPort: number;
  /** Principals besides the services', e.g. the test publisher. */
  extraPrincipals: string[];
}

export class OwnKafkaBroker {
  private constructor(private readonly options: OwnBrokerOptions) {}

  /** Formats a fresh instance and starts it; resolves once it answers as its admin. */
  static async start(options: OwnBrokerOptions): Promise<OwnKafkaBroker> {
    const broker = new OwnKafkaBroker(options);
    await broker.script('start', { KAFKA_FRESH: '1' });
    return broker;
  }

  get brokers(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  /** Stops the broker (SIGTERM, SIGKILL after 30 s); its data is kept. */
  async stop(): Promise<void> {
    await this.script('stop');
  }

  /** Starts the stopped broker again, with its data and credentials. */
  async restart(): Promise<void> {
    await this.script('start');
  }

  /** KAFKA_BROKERS, the admin's KAFKA_SASL_* and every principal's KAFKA_<NAME>_PASSWORD, as `npm test` exports them. */
  async environment(): Promise<Record<string, string>> {
    const { stdout } = await this.script('credentials');
    const credentials = Object.fromEntries(
      readFileSync(stdout.trim(), 'utf8')
        .split('\n')
        .filter((line) => line.includes('='))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
    );
    return {
      ...credentials,
      KAFKA_BROKERS: this.brokers,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'admin',
      KAFKA_SASL_PASSWORD: credentials.KAFKA_ADMIN_PASSWORD ?? '',
    };
  }

  private script(command: string, extra: Record<string, string> = {}) {
    const { instance, port, controllerPort, extraPrincipals } = this.options;
    return run('bash', [KAFKA_SCRIPT, command], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        KAFKA_INSTANCE: instance,
        KAFKA_PORT: String(port),
        KAFKA_CONTROLLER_PORT: String(controllerPort),
        KAFKA_EXTRA_PRINCIPALS: extraPrincipals.join(' '),
        ...extra,
      },
      maxBuffer: 10 * 1024 * 1024,
    });
  }
}
