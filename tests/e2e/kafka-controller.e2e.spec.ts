/**
 * The broker's KRaft controller listener (127.0.0.1:KAFKA_CONTROLLER_PORT) admits only
 * the controller principal: an anonymous client, or one with a wrong password, gets
 * nothing from it - a local process cannot reach the cluster's metadata, or change its
 * ACLs, through the back door. Checked with Kafka's own admin tool, which can talk to
 * controllers directly (--bootstrap-controller).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
jest.setTimeout(120_000);

const KAFKA_LIBS = join(process.env.ALIGNMENT_LEDGER_CACHE ?? join(homedir(), '.cache', 'alignment-ledger'), `kafka-${process.env.KAFKA_VERSION ?? '3.9.1'}`, 'libs');
/** Fail fast: the refusal shows as a timeout of the admin client. */
const QUICK = 'request.timeout.ms=3000\ndefault.api.timeout.ms=6000\n';

describe('the Kafka controller listener', () => {
  let workspace: string;
  const controllerPort = process.env.KAFKA_CONTROLLER_PORT;
  const controllerPassword = process.env.KAFKA_CONTROLLER_PASSWORD;

  beforeAll(async () => {
    if (!controllerPort || !controllerPassword) {
      throw new Error('These tests need the broker npm test starts (KAFKA_CONTROLLER_PORT, KAFKA_CONTROLLER_PASSWORD): run them through npm test.');
    }
    workspace = await mkdtemp(join(tmpdir(), 'kafka-controller-'));
  });

  afterAll(async () => {
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  async function describeBrokerThroughController(clientConfig: string): Promise<{ succeeded: boolean; output: string }> {
    const configFile = join(workspace, `client-${Math.random().toString(36).slice(2)}.properties`);
    await writeFile(configFile, `${QUICK}${clientConfig}`, { mode: 0o600 });
    const args = ['-cp', join(KAFKA_LIBS, '*'), 'kafka.admin.ConfigCommand', '--bootstrap-controller', `127.0.0.1:${controllerPort}`];
    try {
      const { stdout, stderr } = await run('java', [...args, '--command-config', configFile, '--entity-type', 'brokers', '--entity-name', '1', '--describe'], { timeout: 60_000 });
      return { succeeded: true, output: stdout + stderr };
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      return { succeeded: false, output: stdout + stderr };
    }
  }

  const plainLogin = (password: string) =>
    'security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n' +
    `sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="controller" password="${password}";\n`;

  it('answers the controller principal', async () => {
    const answer = await describeBrokerThroughController(plainLogin(controllerPassword!));
    expect(answer).toMatchObject({ succeeded: true, output: expect.stringContaining('broker 1') });
  });

  it('refuses a client that does not authenticate', async () => {
    expect(await describeBrokerThroughController('')).toMatchObject({ succeeded: false });
  });

  it('refuses a wrong password', async () => {
    const answer = await describeBrokerThroughController(plainLogin('not-the-password'));
    expect(answer).toMatchObject({ succeeded: false, output: expect.stringMatching(/Authentication failed|SaslAuthenticationException/) });
  });
});
