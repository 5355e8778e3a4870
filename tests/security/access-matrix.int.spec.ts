/**
 * The access matrix: every identity (no key, each role, a publisher in and out of its
 * scope, and keys that must not work) against every route every service registers, in
 * process on a real Postgres and Kafka. Expectations come from the access policy table,
 * the routes from the running applications: a route without a permission fails here.
 *
 * A service joins the matrix with one more entry in `services` (its app, created as it runs).
 */
import type { INestApplication } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import { administerAccounts, generateApiKey, grants, loadAuthSettings, type Permission, type Role } from '@ledger/auth';
import { generateSigningKey } from '@ledger/integrity';
import { createProjectorApp } from '@ledger/projections';
import { createTestDatabase, deleteTestTopics, testKafkaBrokers, uniqueName, type TestDatabase } from '@ledger/testing';
import request from 'supertest';
import { Client } from 'pg';
import { createAuditApp } from '../../apps/audit/src/audit.app';
import { loadAuditConfig } from '../../apps/audit/src/audit.config';
import { API_DOCS_PATHS as AUDIT_API_DOCS_PATHS } from '../../apps/audit/src/openapi/document';
import { COMMAND_EXAMPLES } from '../../apps/ledger/src/commands/dto/examples';
import { createLedgerApp } from '../../apps/ledger/src/ledger.app';
import { loadLedgerConfig } from '../../apps/ledger/src/ledger.config';
import { API_DOCS_PATHS } from '../../apps/ledger/src/openapi/document';
import { createRelayApp } from '../../apps/outbox-relay/src/relay.app';
import { loadRelayConfig } from '../../apps/outbox-relay/src/relay.config';
import { loadOwnershipProjectorConfig, OWNERSHIP_VIEW } from '../../apps/ownership-projector/src/ownership-projector.config';
import { createQueryApiApp } from '../../apps/query-api/src/query-api.app';
import { loadQueryApiConfig } from '../../apps/query-api/src/query-api.config';
import { loadReportingProjectorConfig, REPORTING_VIEW } from '../../apps/reporting-projector/src/reporting-projector.config';
import { provisionTestAccounts } from '../../libs/auth/src/testing/test-accounts';
import { registeredRoutes, type RegisteredRoute } from '../../libs/auth/src/testing/registered-routes';

jest.setTimeout(180_000);

const IN_SCOPE = 'matrix-in';
const OUT_OF_SCOPE = 'matrix-out';
const OTHER_ACCOUNT = 'matrix-dummy';
/** Permissions a publisher holds only within its scope. */
const SCOPED_PERMISSIONS: Permission[] = ['submit-commands', 'read-partnership-state'];

interface Identity {
  name: string;
  key: () => string | undefined;
  /** Roles of a key that authenticates; null for one that must not. */
  roles: Role[] | null;
  target: string;
}

interface Service {
  name: string;
  app: INestApplication;
  /** Paths served outside NestJS routing (the OpenAPI document), protected like routes. */
  documentPaths: string[];
}

type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'out-of-scope';

function expectedOutcome(identity: Identity, permission: Permission): Outcome {
  if (identity.roles === null) return 'unauthenticated';
  if (!grants(identity.roles, permission)) return 'forbidden';
  const onlyAsPublisher = identity.roles.every((role) => role === 'publisher');
  if (onlyAsPublisher && identity.target === OUT_OF_SCOPE && SCOPED_PERMISSIONS.includes(permission)) return 'out-of-scope';
  return 'allowed';
}

/** The concrete request for a route: its parameters filled in, and a body that is valid where it matters. */
function sampleRequest(route: RegisteredRoute, target: string): { path: string; body?: unknown } {
  const path = route.path
    .replace(':partnershipId', target)
    .replace(':accountId', OTHER_ACCOUNT)
    .replace(':keyId', 'no-such-key')
    .replace(':id', 'no-such-rebuild');
  const operation = Reflect.getMetadata(DECORATORS.API_OPERATION, route.handler) as { operationId?: string } | undefined;
  const commandType = operation?.operationId as keyof typeof COMMAND_EXAMPLES | undefined;
  if (commandType && commandType in COMMAND_EXAMPLES) {
    const data = COMMAND_EXAMPLES[commandType];
    return { path, body: commandType === 'ProposePartnership' ? { ...data, partnershipId: target } : data };
  }
  const submission = { type: 'DefineVocabularyTerm', partnershipId: target, data: { term: uniqueName('term'), definition: 'A term.' } };
  if (route.path === '/commands') return { path, body: submission };
  if (route.path === '/commands/batch') return { path, body: { submissions: [submission] } };
  return { path, body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} };
}

async function call(app: INestApplication, method: string, path: string, key: string | undefined, body?: unknown) {
  const verb = method.toLowerCase() as 'get' | 'post' | 'delete' | 'put' | 'patch';
  let pending = request(app.getHttpServer())[verb](path);
  if (key !== undefined) pending = pending.set('Authorization', `Bearer ${key}`);
  return body === undefined ? pending : pending.send(body as object);
}

function classify(route: { path: string }, response: request.Response): Outcome | `unexpected ${number}` {
  const { status, body } = response;
  if (status === 401 && body.code === 'auth.unauthenticated' && response.headers['www-authenticate']?.includes('Bearer')) return 'unauthenticated';
  if (status === 403 && body.code === 'auth.forbidden') return 'forbidden';
  if (status === 403 && body.code === 'auth.out-of-scope') return 'out-of-scope';
  // A batch answers 200 and refuses each submission on its own.
  if (route.path === '/commands/batch' && status === 200 && body.outcomes?.[0]?.problem?.code === 'auth.out-of-scope') return 'out-of-scope';
  if (status >= 200 && status < 500 && ![401, 403, 429].includes(status)) return 'allowed';
  return `unexpected ${status}`;
}

describe('the access matrix: every identity against every route of every service', () => {
  let database: TestDatabase;
  const topics = [uniqueName('matrix-events'), uniqueName('matrix-dlq')];
  let services: Service[] = [];
  let identities: Identity[];

  beforeAll(async () => {
    database = await createTestDatabase('al_access_matrix');
    const keys = await provisionTestAccounts(database.url, {
      publisher: { accountId: 'scoped-publisher', roles: ['publisher'], partnershipScope: [IN_SCOPE] },
      seeder: { roles: ['publisher'] },
      auditor: { roles: ['auditor'] },
      analyst: { roles: ['analyst'] },
      admin: { roles: ['admin'] },
      revoked: { roles: ['publisher', 'auditor', 'analyst', 'admin'] },
      expired: { roles: ['publisher', 'auditor', 'analyst', 'admin'], keyExpiresAt: new Date(Date.now() + 60_000) },
      disabled: { roles: ['publisher', 'auditor', 'analyst', 'admin'] },
      [OTHER_ACCOUNT]: { roles: ['analyst'] },
    });
    const unauthenticated = (name: string, key: () => string | undefined): Identity => ({ name, key, roles: null, target: IN_SCOPE });
    identities = [
      unauthenticated('no key', () => undefined),
      { name: 'publisher in scope', key: () => keys.publisher, roles: ['publisher'], target: IN_SCOPE },
      { name: 'publisher out of scope', key: () => keys.publisher, roles: ['publisher'], target: OUT_OF_SCOPE },
      { name: 'auditor', key: () => keys.auditor, roles: ['auditor'], target: IN_SCOPE },
      { name: 'analyst', key: () => keys.analyst, roles: ['analyst'], target: IN_SCOPE },
      { name: 'admin', key: () => keys.admin, roles: ['admin'], target: IN_SCOPE },
      unauthenticated('revoked key', () => keys.revoked),
      unauthenticated('expired key', () => keys.expired),
      unauthenticated('forged key', () => generateApiKey().apiKey),
      unauthenticated('garbage', () => 'Robert"); DROP TABLE auth.api_keys;--'),
      unauthenticated('disabled account', () => keys.disabled),
    ];

    const environment = {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      LEDGER_EVENTS_TOPIC: topics[0],
      COMMAND_DEAD_LETTER_TOPIC: topics[1],
      COMMAND_INGEST_ENABLED: 'false',
      KAFKA_TOPIC_PARTITIONS: '1',
    };
    const auth = loadAuthSettings({ RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' });
    // Every refusal is logged; hundreds of them are not what this test is about.
    process.env.LOG_LEVEL = 'error';
    const ledger = await createLedgerApp(loadLedgerConfig(environment), auth);
    const relay = await createRelayApp(loadRelayConfig(environment), auth);
    const queryApi = await createQueryApiApp(loadQueryApiConfig(environment), auth);
    const ownershipProjector = await createProjectorApp(
      OWNERSHIP_VIEW,
      loadOwnershipProjectorConfig({ ...environment, PROJECTOR_GROUP: uniqueName('matrix-ownership') }),
      auth,
    );
    const reportingProjector = await createProjectorApp(
      REPORTING_VIEW,
      loadReportingProjectorConfig({ ...environment, PROJECTOR_GROUP: uniqueName('matrix-reporting') }),
      auth,
    );
    const audit = await createAuditApp(
      loadAuditConfig({ ...environment, AUDIT_SIGNER_KEY: generateSigningKey('alignment-ledger.test/matrix').signerKey, AUDIT_SEALING_ENABLED: 'false' }),
      auth,
    );
    services = [
      { name: 'ledger', app: ledger, documentPaths: API_DOCS_PATHS.filter((path) => path.endsWith('.json')) },
      { name: 'outbox-relay', app: relay, documentPaths: [] },
      { name: 'query-api', app: queryApi, documentPaths: ['/openapi.json'] },
      { name: 'ownership-projector', app: ownershipProjector, documentPaths: [] },
      { name: 'reporting-projector', app: reportingProjector, documentPaths: [] },
      { name: 'audit', app: audit, documentPaths: AUDIT_API_DOCS_PATHS.filter((path) => path.endsWith('.json')) },
    ];
    for (const { app } of services) await app.init();

    for (const partnershipId of [IN_SCOPE, OUT_OF_SCOPE]) {
      const proposal = { ...COMMAND_EXAMPLES.ProposePartnership, partnershipId };
      expect((await call(ledger, 'POST', '/partnerships', keys.seeder, proposal)).status).toBe(201);
    }
    await spoilAccounts(database.url);
  });

  afterAll(async () => {
    for (const { app } of services) await app.close();
    await deleteTestTopics(topics).catch(() => undefined);
    await database?.drop();
  });

  it('registers no route without a permission, and answers anonymously only the health checks', () => {
    for (const { name, app } of services) {
      const routes = registeredRoutes(app);
      expect(routes.filter((route) => route.access === undefined).map((route) => `${name} ${route.method} ${route.path}`)).toEqual([]);
      expect(routes.filter((route) => route.access === 'public').map((route) => `${route.method} ${route.path}`)).toEqual([
        'GET /health/live',
        'GET /health/ready',
      ]);
    }
  });

  it('lets exactly the entitled identities through every protected route and document, and refuses the rest with 401 or 403', async () => {
    const mismatches: string[] = [];
    for (const { name, app, documentPaths } of services) {
      const protectedRoutes = registeredRoutes(app).filter((route) => route.access !== 'public') as Array<RegisteredRoute & { access: Permission }>;
      const documents = documentPaths.map((path) => ({ method: 'GET', path, access: 'read-api-docs' as const, handler: {} }));
      for (const route of [...protectedRoutes, ...documents]) {
        for (const identity of identities) {
          const sample = sampleRequest(route, identity.target);
          const response = await call(app, route.method, sample.path, identity.key(), sample.body);
          const expected = expectedOutcome(identity, route.access);
          const actual = classify(route, response);
          if (actual !== expected) mismatches.push(`${name} ${route.method} ${route.path} as ${identity.name}: expected ${expected}, got ${actual}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/** Revokes the keys of `revoked`, disables `disabled`, and moves the expiry of `expired` into the past (time passing, without waiting). */
async function spoilAccounts(databaseUrl: string): Promise<void> {
  await administerAccounts(databaseUrl, async (accounts) => {
    const revoked = (await accounts.listAccounts()).find(({ accountId }) => accountId === 'revoked');
    for (const key of revoked?.keys ?? []) await accounts.revokeKey('revoked', key.keyId);
    await accounts.disableAccount('disabled');
  });
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`UPDATE auth.api_keys SET expires_at = now() - interval '1 second' WHERE account_id = 'expired'`);
  } finally {
    await client.end();
  }
}
