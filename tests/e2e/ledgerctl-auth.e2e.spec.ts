/**
 * `ledgerctl auth`, the built tool against the built ledger: the operator bootstraps the
 * first admin in the database, and the admin manages accounts and keys over the admin
 * API. Each key is printed once, as the last line, so scripts can take it.
 */
import { ledgerctl } from '../support/ledgerctl';
import { bearer, LedgerStack } from '../support/ledger-stack';

jest.setTimeout(180_000);

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) as string;

describe('ledgerctl auth', () => {
  let stack: LedgerStack;
  const status = async (path: string, apiKey: string) => (await fetch(`${stack.ledger.url}${path}`, { headers: bearer(apiKey) })).status;

  beforeAll(async () => {
    stack = await LedgerStack.start('ledgerctl-auth');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('bootstraps an admin straight in the database, and gives it another key when run again', async () => {
    const first = await ledgerctl(['auth', 'bootstrap-admin', '--database-url', stack.database.url, '--account', 'ops-admin']);
    expect(first).toMatchObject({ exitCode: 0, stderr: '' });
    expect(first.stdout).toMatch(/^Created the admin account ops-admin \(roles: admin; partnerships: any; teams: any\)\./);
    const again = await ledgerctl(['auth', 'bootstrap-admin', '--account', 'ops-admin'], { DATABASE_URL: stack.database.url });
    expect(again.stdout).toMatch(/^Issued a new key to the admin account ops-admin/);

    for (const key of [lastLine(first.stdout), lastLine(again.stdout)]) expect(await status('/admin/service-accounts', key)).toBe(200);
  });

  it('creates, lists, rotates, revokes and disables accounts over the admin API with the admin key', async () => {
    const admin = { LEDGER_URL: stack.ledger.url, LEDGER_API_KEY: stack.keys.admin };
    const created = await ledgerctl(['auth', 'create-account', 'crm-cli', '--roles', 'publisher', '--partnership-scope', 'mkt-sales,mkt-it'], admin);
    expect(created).toMatchObject({ exitCode: 0, stderr: '' });
    expect(created.stdout).toContain('Created the service account crm-cli (roles: publisher; partnerships: mkt-sales,mkt-it; teams: any).');
    const firstKey = lastLine(created.stdout);
    expect(firstKey).toMatch(/^alk_/);

    const rotated = await ledgerctl(['auth', 'rotate-key', 'crm-cli'], admin);
    const secondKey = lastLine(rotated.stdout);
    const listed = await ledgerctl(['auth', 'list-accounts'], admin);
    const crmLine = listed.stdout.split('\n').find((line) => line.startsWith('crm-cli '));
    expect(crmLine).toMatch(/^crm-cli +publisher +mkt-sales,mkt-it +any +enabled +[0-9a-f]{18},[0-9a-f]{18}$/);
    expect(listed.stdout).not.toContain(firstKey);

    const firstKeyId = (firstKey.split('_')[1] as string);
    const revoked = await ledgerctl(['auth', 'revoke-key', 'crm-cli', firstKeyId], admin);
    expect(revoked.stdout).toContain(`Revoked key ${firstKeyId} of crm-cli`);
    expect(await status('/partnerships/mkt-sales', firstKey)).toBe(401);
    expect(await status('/partnerships/mkt-sales', secondKey)).toBe(404);

    await ledgerctl(['auth', 'disable-account', 'crm-cli'], admin);
    expect(await status('/partnerships/mkt-sales', secondKey)).toBe(401);
  });

  it('fails with one line saying to give a key when called without one', async () => {
    const run = await ledgerctl(['auth', 'list-accounts', '--ledger-url', stack.ledger.url], { LEDGER_API_KEY: '' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^error: The ledger at .* answered GET \/admin\/service-accounts with 401 auth.unauthenticated: .*Give the API key of a service account with --api-key or LEDGER_API_KEY\.\n$/);
  });

  it('refuses a publisher managing accounts, naming the role it would need', async () => {
    const run = await ledgerctl(['auth', 'create-account', 'sneaky', '--roles', 'admin'], { LEDGER_URL: stack.ledger.url, LEDGER_API_KEY: stack.keys.publisher });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('403 auth.forbidden: Account "test-publisher" (roles: publisher) may not do this; it needs one of the roles admin');
  });
});
