/**
 * `ledgerctl`, the built command-line tool, as a person or `npm start` runs it: the demo
 * loads into an empty ledger, a second run finds it complete, and a failure is one
 * clear line on standard error with exit code 1.
 */
import { ledgerctl } from '../support/ledgerctl';
import { LedgerStack } from '../support/ledger-stack';
import { freePort } from '../support/service-process';

jest.setTimeout(180_000);

describe('ledgerctl demo load', () => {
  let stack: LedgerStack;

  beforeAll(async () => {
    // Scoped as npm start scopes the demo publisher: to the partnerships ledgerctl names.
    const listed = await ledgerctl(['demo', 'partnerships']);
    expect(listed).toMatchObject({ exitCode: 0, stderr: '' });
    stack = await LedgerStack.start('ledgerctl', { publisherScope: { partnershipScope: listed.stdout.trim().split('\n') } });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('loads the demo into an empty ledger, and a second run records nothing new', async () => {
    const first = await ledgerctl(['demo', 'load', '--ledger-url', stack.ledger.url, '--api-key', stack.keys.publisher]);
    expect(first).toMatchObject({ exitCode: 0, stderr: '' });
    for (const partnershipId of ['mkt-sales', 'mkt-it', 'mkt-finance']) {
      expect(first.stdout).toMatch(new RegExp(`${partnershipId} +\\d+ submissions: [1-9]\\d* recorded \\(\\d+ events\\), 0 already loaded`));
    }
    expect(first.stdout).toMatch(/^Recorded \d+ submissions \(\d+ events\) in [\d.]+ s\.$/m);
    const eventCount = async () => (await Promise.all(['mkt-sales', 'mkt-it', 'mkt-finance'].map((id) => stack.eventsOf(id)))).flat().length;
    const recorded = await eventCount();

    // The ledger's address and the keys from the environment this time, as deploy scripts set them; reading
    // back which quarter the ledger holds takes an auditor (publishers do not read history).
    const second = await ledgerctl(['demo', 'load'], {
      LEDGER_URL: stack.ledger.url,
      LEDGER_API_KEY: stack.keys.publisher,
      LEDGER_AUDITOR_KEY: stack.keys.auditor,
    });
    expect(second).toMatchObject({ exitCode: 0, stderr: '' });
    expect(second.stdout).toMatch(/mkt-sales +\d+ submissions: 0 recorded \(0 events\), \d+ already loaded/);
    expect(second.stdout).toContain('The demo was already loaded: nothing new recorded');
    expect(await eventCount()).toBe(recorded);
  });

  it('prints nothing with --quiet when the load succeeds', async () => {
    const keys = { LEDGER_API_KEY: stack.keys.publisher, LEDGER_AUDITOR_KEY: stack.keys.auditor };
    await expect(ledgerctl(['demo', 'load', '--quiet', '--ledger-url', stack.ledger.url], keys)).resolves.toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('fails with one line and exit code 1, without a stack trace, when the ledger cannot be reached', async () => {
    const port = await freePort();
    const run = await ledgerctl(['demo', 'load', '--ledger-url', `http://127.0.0.1:${port}`]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `error: Cannot reach the ledger at http://127.0.0.1:${port} (ECONNREFUSED); is it running? ` +
        'Set its address with --ledger-url or LEDGER_URL.\n',
    );
  });

  it('documents its options in --help', async () => {
    const run = await ledgerctl(['demo', 'load', '--help']);
    expect(run.exitCode).toBe(0);
    for (const option of ['--now <instant>', '--quiet', '--ledger-url <url>', 'env: LEDGER_URL', '--api-key <key>', 'env: LEDGER_API_KEY']) {
      expect(run.stdout).toContain(option);
    }
  });
});
