/**
 * `ledgerctl audit` against a real Postgres, run in-process as a person would type it:
 * verify (intact, broken, resumed), export and verify-export offline, replaying a
 * projection from an export compared with the live one, and a replay topic refused.
 */
import { generateSigningKey } from '@ledger/integrity';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyLedger } from '../../../../../libs/audit/src';
import { alignmentQuarterHistory } from '../../../../../libs/projections/src/testing';
import { openAuditFixture, tamper, TEST_ORIGIN, type AuditFixture } from '../../../../../libs/audit/src/testing/audit-fixture';
import { runCli } from '../../program';

jest.setTimeout(120_000);

interface Run {
  exitCode: number;
  output: string;
  errors: string;
}

async function ledgerctl(...args: string[]): Promise<Run> {
  const output: string[] = [];
  const errors: string[] = [];
  const context = { print: (text: string) => void output.push(text), clock: () => new Date() };
  const exitCode = await runCli(['node', 'ledgerctl', ...args], context, (line) => void errors.push(line));
  return { exitCode, output: output.join('\n'), errors: errors.join('\n') };
}

describe('ledgerctl audit, on the database', () => {
  const history = alignmentQuarterHistory();
  let ledger: AuditFixture;
  let workspace: string;
  let key: string;

  beforeAll(async () => {
    ledger = await openAuditFixture();
    await ledger.record(history);
    await ledger.sealer(30).sealAll();
    await ledger.projectOwnership();
    key = ledger.keys.verifierKey;
    workspace = await mkdtemp(join(tmpdir(), 'ledgerctl-audit-'));
  });

  afterAll(async () => {
    await ledger.close({ dropDatabase: true });
    await rm(workspace, { recursive: true, force: true });
  });

  const database = () => ['--database-url', ledger.url, '--no-progress'];

  it('verifies an untouched ledger as intact, saying what it covered', async () => {
    const run = await ledgerctl('audit', 'verify', ...database(), '--verifier-key', key, '--state-file', join(workspace, 'state.json'));

    expect(run).toMatchObject({ exitCode: 0, errors: '' });
    expect(run.output).toContain(`Ledger ${TEST_ORIGIN} is intact`);
    expect(run.output).toContain(`hash chains: ${history.length} events in 3 streams`);
    expect(run.output).toContain(`checkpoints: 5 signed, proving the first ${history.length} events; 0 newer events await the next seal`);
  });

  it('goes on from a saved resume point with --resume', async () => {
    const controller = new AbortController();
    const interrupted = await verifyLedger({
      log: ledger.log,
      checkpoints: ledger.checkpoints,
      verifierKey: key,
      pageSize: 30,
      resumeSpacing: 30,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const stateFile = join(workspace, 'resume.json');
    await writeFile(stateFile, JSON.stringify({ [TEST_ORIGIN]: interrupted.status === 'interrupted' && interrupted.resumePoint }));

    const run = await ledgerctl('audit', 'verify', ...database(), '--verifier-key', key, '--state-file', stateFile, '--resume');

    expect(run.exitCode).toBe(0);
    expect(run.output).toContain('resumed after the 30 events verified before');
    expect(JSON.parse(await readFile(stateFile, 'utf8'))).toEqual({});
  });

  it('refuses a key that is not a verifier key, in one line', async () => {
    const run = await ledgerctl('audit', 'verify', ...database(), '--verifier-key', 'not-a-key');

    expect(run).toMatchObject({ exitCode: 1, output: '' });
    expect(run.errors).toMatch(/^error: --verifier-key: The verifierKey is malformed/);
  });

  it('exports a range, and verifies the bundle offline: intact with the pinned key, refused with another', async () => {
    const directory = join(workspace, 'export');
    const exported = await ledgerctl('audit', 'export', ...database(), '--verifier-key', key, '--out', directory);
    expect(exported).toMatchObject({ exitCode: 0, errors: '' });
    expect(exported.output).toContain(`Exported ${history.length} events`);

    const verified = await ledgerctl('audit', 'verify-export', directory, '--verifier-key', key);
    expect(verified).toMatchObject({ exitCode: 0 });
    expect(verified.output).toContain(`is intact: ${history.length} events in 3 streams, ${history.length} of them proven by 5 signed checkpoints`);

    const otherKey = await ledgerctl('audit', 'verify-export', directory, '--verifier-key', generateSigningKey(TEST_ORIGIN).verifierKey);
    expect(otherKey.exitCode).toBe(1);
    expect(otherKey.output).toContain('is NOT intact: untrusted-key');
  });

  it('replays a projection from a verified export into a fresh schema equal to the live one', async () => {
    const directory = join(workspace, 'export-for-replay');
    await ledgerctl('audit', 'export', ...database(), '--verifier-key', key, '--out', directory);

    const run = await ledgerctl(
      'audit', 'replay-projection', ...database(), '--projection', 'ownership', '--into-schema', 'ownership_cli_replay',
      '--export', directory, '--verifier-key', key, '--compare',
    );

    expect(run).toMatchObject({ exitCode: 0, errors: '' });
    expect(run.output).toContain(`Replayed ${history.length} events into ownership_cli_replay`);
    expect(run.output).toContain('It equals the live projection, row by row');
  });

  it('refuses to replay onto a topic outside the audit\'s replay prefix, in one line, before reaching Kafka', async () => {
    const run = await ledgerctl('audit', 'replay', ...database(), '--to-topic', 'alignment.ledger.events.v1', '--kafka-brokers', '127.0.0.1:1');

    expect(run).toMatchObject({ exitCode: 1, output: '' });
    expect(run.errors).toMatch(/^error: The replay topic "alignment\.ledger\.events\.v1" is not allowed: it must be alignment\.ledger\.replays\. .*\[audit\.replay-topic-not-allowed\]$/);
  });

  it('names the place of a tampered event and exits with 1', async () => {
    const copy = await openAuditFixture({ keys: ledger.keys });
    try {
      await copy.record(history);
      await copy.sealer(30).sealAll();
      const target = history[44]!;
      await tamper(copy.dataSource, `UPDATE ledger.events SET actor = 'someone-else' WHERE event_id = '${target.eventId}'`);

      const run = await ledgerctl('audit', 'verify', '--database-url', copy.url, '--no-progress', '--verifier-key', key, '--state-file', join(workspace, 's.json'));

      expect(run.exitCode).toBe(1);
      expect(run.output).toContain('is NOT intact');
      expect(run.output).toContain(`altered: event ${target.eventId}, stream ${target.streamId}, version ${target.streamVersion}, global position ${target.globalPosition}`);
      expect(run.errors).toBe('error: The ledger is not intact: altered (see above).');
    } finally {
      await copy.close({ dropDatabase: true });
    }
  });
});
