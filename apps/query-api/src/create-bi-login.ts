/**
 * Creates the database login a BI tool connects with (or sets a new password for it),
 * after bringing the BI schema and role up to date, and prints what to enter in the
 * tool. The password comes from BI_LOGIN_PASSWORD, or is generated and shown once.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/alignment_ledger \
 *     node dist/apps/query-api/src/create-bi-login.js [login, default bi_reader]
 */
import { BI_ROLE, BI_SCHEMA, createBiLogin, DEFAULT_BI_LOGIN, migrateBi, type BiLogin } from '@ledger/bi';
import { loadQueryApiConfig } from './query-api.config';

async function main(): Promise<void> {
  const { databaseUrl } = loadQueryApiConfig();
  await migrateBi(databaseUrl);
  const login = await createBiLogin({
    databaseUrl,
    login: process.argv[2] ?? DEFAULT_BI_LOGIN,
    password: process.env.BI_LOGIN_PASSWORD || undefined,
  });
  process.stdout.write(describe(login, new URL(databaseUrl)));
}

function describe(login: BiLogin, database: URL): string {
  const password = login.passwordGenerated ? `${login.password}   (generated: shown this once)` : '(the one in BI_LOGIN_PASSWORD)';
  return [
    `BI login ${login.login} ${login.created ? 'created' : 'updated with a new password'} (a member of ${BI_ROLE}: SELECT on schema ${BI_SCHEMA} only).`,
    'Point the BI tool at:',
    `  host      ${database.hostname}`,
    `  port      ${database.port || '5432'}`,
    `  database  ${decodeURIComponent(database.pathname.slice(1))}`,
    `  user      ${login.login}`,
    `  password  ${password}`,
    `  schema    ${BI_SCHEMA}   (SSL: off locally; require it wherever the database is reached over a network)`,
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`create-bi-login failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
