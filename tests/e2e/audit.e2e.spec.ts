/**
 * The audit end to end, with the built services and the built `ledgerctl`: commands
 * posted through the ledger's HTTP API, the audit service sealing them into signed
 * checkpoints in the background, then an auditor's checks that trust nothing but the
 * published verifier key: `ledgerctl audit verify` on the database, an export verified
 * offline from its files alone, and the history read through the audit service.
 *
 * Commands are posted one after another, so the log's commit order and position order
 * agree; the export format of libs/integrity still requires that (see the audit report).
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { buildDemoDataset } from '../../apps/cli/src/demo/demo-dataset';
import { eventually } from '../support/eventually';
import { bearer, LedgerStack } from '../support/ledger-stack';
import { runBuiltScript, type CliRun } from '../support/ledgerctl';
import { builtEntryOf, ServiceProcess } from '../support/service-process';

jest.setTimeout(300_000);

const SUBMISSIONS = 150;
const ORIGIN = 'alignment-ledger.e2e/ledger';

/** Runs the built ledgerctl; `apiKey` is given the way an auditor would, as LEDGER_API_KEY. */
function ledgerctl(args: string[], apiKey?: string): Promise<CliRun> {
  return runBuiltScript(builtEntryOf('cli'), args, { ...process.env, LEDGER_API_KEY: apiKey ?? '' });
}

describe('auditing the running ledger', () => {
  let stack: LedgerStack;
  let audit: ServiceProcess;
  let workspace: string;
  let recorded: number;
  let streams: number;
  let verifierKey: string;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'audit-e2e-'));
    stack = await LedgerStack.start('audit');
    audit = await ServiceProcess.start({
      app: 'audit',
      env: {
        DATABASE_URL: stack.database.url,
        AUDIT_ORIGIN: ORIGIN,
        AUDIT_SIGNER_KEY_FILE: join(workspace, 'keys', 'signer.key'),
        AUDIT_SEAL_INTERVAL_MS: '300',
        AUDIT_SEAL_EVENTS: '100',
      },
    });
    ({ recorded, streams } = await postDemoSubmissions(stack, SUBMISSIONS));
  });

  afterAll(async () => {
    await audit?.stop();
    await stack?.stop();
    await rm(workspace, { recursive: true, force: true });
  });

  const auditGet = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${audit.url}${path}`, { headers: bearer(stack.keys.auditor) });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };

  it('seals everything the ledger recorded into signed checkpoints, with a key it generated for itself', async () => {
    const latest = await eventually(async () => {
      const checkpoint = await auditGet<{ treeSize: number }>('/audit/checkpoints/latest').catch(() => null);
      return checkpoint?.treeSize === recorded && checkpoint;
    }, `the audit service to seal all ${recorded} recorded events`);

    expect(latest.treeSize).toBe(recorded);
    ({ verifierKey } = await auditGet<{ verifierKey: string }>('/audit/verifier-key'));
    expect(verifierKey.startsWith(`${ORIGIN}+`)).toBe(true);
    expect((await stat(join(workspace, 'keys', 'signer.key'))).mode & 0o777).toBe(0o600);
  });

  it('verifies the ledger intact with ledgerctl, reading the database with the pinned key', async () => {
    const run = await ledgerctl(['audit', 'verify', '--database-url', stack.database.url, '--verifier-key', verifierKey, '--no-progress', '--state-file', join(workspace, 'state.json')]);

    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    expect(run.stdout).toContain(`Ledger ${ORIGIN} is intact`);
    expect(run.stdout).toContain(`proving the first ${recorded} events; 0 newer events await the next seal`);
  });

  it('exports the log and verifies the export offline, from its files alone', async () => {
    const directory = join(workspace, 'export');
    const exported = await ledgerctl(['audit', 'export', '--database-url', stack.database.url, '--verifier-key', verifierKey, '--out', directory, '--no-progress']);
    expect(exported).toMatchObject({ exitCode: 0, stderr: '' });
    expect(exported.stdout).toContain(`Exported ${recorded} events`);

    const verified = await ledgerctl(['audit', 'verify-export', directory, '--verifier-key', verifierKey]);

    expect(verified).toMatchObject({ exitCode: 0, stderr: '' });
    expect(verified.stdout).toContain(`is intact: ${recorded} events in ${streams} streams, ${recorded} of them proven by`);
  });

  it("reads a partnership's history through the audit service as the auditor, with who, when and why", async () => {
    const run = await ledgerctl(['audit', 'history', 'mkt-sales', '--limit', '3', '--audit-url', audit.url], stack.keys.auditor);

    expect(run).toMatchObject({ exitCode: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^v1 #\d+ PartnershipProposed by test-publisher from alignment-portal \| occurred .+, recorded .+ \| correlation demo-quarter-ending-/);
  });

  it('is refused the history without an API key, and told how to give one', async () => {
    const run = await ledgerctl(['audit', 'history', 'mkt-sales', '--audit-url', audit.url]);

    expect(run).toMatchObject({ exitCode: 1, stdout: '' });
    expect(run.stderr).toContain('401 auth.unauthenticated');
    expect(run.stderr).toContain('--api-key or LEDGER_API_KEY');
  });
});

/**
 * Posts the first `count` demo submissions one by one as the test publisher; answers the
 * events recorded and the streams they went to (one per partnership the submissions name).
 */
async function postDemoSubmissions(stack: LedgerStack, count: number): Promise<{ recorded: number; streams: number }> {
  const posted = buildDemoDataset(new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000)).submissions.slice(0, count);
  for (const submission of posted) {
    const response = await fetch(`${stack.ledger.url}/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(stack.keys.publisher) },
      body: JSON.stringify(submission),
    });
    if (response.status !== 201) throw new Error(`${submission.type} answered ${response.status}: ${await response.text()}`);
  }
  const client = new Client({ connectionString: stack.database.url });
  await client.connect();
  try {
    const recorded = Number((await client.query('SELECT count(*) AS count FROM ledger.events')).rows[0].count);
    return { recorded, streams: new Set(posted.map(({ partnershipId }) => partnershipId)).size };
  } finally {
    await client.end();
  }
}
