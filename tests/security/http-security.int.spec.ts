/**
 * The authentication edge of the services over HTTP, in process on a real Postgres and
 * Kafka: who is recorded as the actor, what a publisher outside its scope gets, how keys
 * are rotated, revoked and disabled through the admin API, the OpenAPI document behind
 * a key, the rate limit, and answers that never repeat a key.
 */
import type { INestApplication } from '@nestjs/common';
import { generateApiKey, loadAuthSettings } from '@ledger/auth';
import { createTestDatabase, deleteTestTopics, testKafkaBrokers, uniqueName, type TestDatabase } from '@ledger/testing';
import request from 'supertest';
import { COMMAND_EXAMPLES } from '../../apps/ledger/src/commands/dto/examples';
import { createLedgerApp } from '../../apps/ledger/src/ledger.app';
import { loadLedgerConfig } from '../../apps/ledger/src/ledger.config';
import { createRelayApp } from '../../apps/outbox-relay/src/relay.app';
import { loadRelayConfig } from '../../apps/outbox-relay/src/relay.config';
import { provisionTestAccounts } from '../../libs/auth/src/testing/test-accounts';

jest.setTimeout(120_000);

const PARTNERSHIP = 'security-mkt-sales';
const OTHER_PARTNERSHIP = 'security-mkt-it';

describe('the services over HTTP, as seen by callers with and without the right key', () => {
  let database: TestDatabase;
  let ledger: INestApplication;
  const topics = [uniqueName('security-events'), uniqueName('security-dlq')];
  let keys: Record<'publisher' | 'salesPublisher' | 'auditor' | 'admin', string>;

  const call = (method: 'get' | 'post' | 'delete', path: string, key?: string) => {
    const pending = request(ledger.getHttpServer())[method](path);
    return key === undefined ? pending : pending.set('Authorization', `Bearer ${key}`);
  };
  const eventsOf = async (partnershipId: string) =>
    (await call('get', `/partnerships/${partnershipId}/events`, keys.auditor)).body.events as Array<{ type: string; actor: string }>;

  beforeAll(async () => {
    database = await createTestDatabase('al_http_security');
    keys = await provisionTestAccounts(database.url, {
      publisher: { accountId: 'crm', roles: ['publisher'] },
      salesPublisher: { accountId: 'sales-crm', roles: ['publisher'], teamScope: ['sales'] },
      auditor: { roles: ['auditor'] },
      admin: { roles: ['admin'] },
    });
    process.env.LOG_LEVEL = 'error';
    const config = loadLedgerConfig({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      LEDGER_EVENTS_TOPIC: topics[0],
      COMMAND_DEAD_LETTER_TOPIC: topics[1],
      COMMAND_INGEST_ENABLED: 'false',
      KAFKA_TOPIC_PARTITIONS: '1',
    });
    ledger = await createLedgerApp(config, loadAuthSettings({ RATE_LIMIT_PER_SECOND: '10000', RATE_LIMIT_BURST: '10000' }));
    await ledger.init();
    const proposal = (partnershipId: string, partners: string[]) => ({
      ...COMMAND_EXAMPLES.ProposePartnership,
      partnershipId,
      partners: partners.map((teamId) => ({ teamId, displayName: teamId })),
      proposedBy: partners[0],
    });
    await call('post', '/partnerships', keys.publisher).send(proposal(PARTNERSHIP, ['marketing', 'sales'])).expect(201);
    await call('post', '/partnerships', keys.publisher).send(proposal(OTHER_PARTNERSHIP, ['marketing', 'it'])).expect(201);
  });

  afterAll(async () => {
    await ledger?.close();
    await deleteTestTopics(topics).catch(() => undefined);
    await database?.drop();
  });

  describe('the actor recorded in the envelope', () => {
    it('is the authenticated account, whatever an X-Actor header claims', async () => {
      await call('post', `/partnerships/${PARTNERSHIP}/vocabulary`, keys.publisher)
        .set('X-Actor', 'mallory')
        .send({ term: 'inquiry', definition: 'Any inbound contact that asks for information.' })
        .expect(201);
      const recorded = (await eventsOf(PARTNERSHIP)).filter(({ type }) => type === 'VocabularyTermDefined');
      expect(recorded.map(({ actor }) => actor)).toEqual(['crm']);
    });

    it('cannot be set in the body: a field named actor is refused and nothing is recorded', async () => {
      const before = (await eventsOf(PARTNERSHIP)).length;
      const viaRoute = await call('post', `/partnerships/${PARTNERSHIP}/vocabulary`, keys.publisher)
        .send({ term: 'lead', definition: 'An inquiry with a known contact.', actor: 'mallory' })
        .expect(400);
      expect(viaRoute.body.errors).toEqual([expect.objectContaining({ field: 'actor' })]);
      const submission = { type: 'DefineVocabularyTerm', partnershipId: PARTNERSHIP, actor: 'mallory', data: { term: 'lead', definition: 'x' } };
      const viaSubmission = await call('post', '/commands', keys.publisher).send(submission).expect(400);
      expect(viaSubmission.body.errors).toEqual([expect.objectContaining({ field: 'actor' })]);
      expect((await eventsOf(PARTNERSHIP)).length).toBe(before);
    });
  });

  describe('a publisher outside its scope', () => {
    it('is refused with 403 auth.out-of-scope over every write route, and nothing is recorded', async () => {
      const before = (await eventsOf(OTHER_PARTNERSHIP)).length;
      const term = { term: 'mql', definition: 'Scored 60 or more.' };
      const viaRoute = await call('post', `/partnerships/${OTHER_PARTNERSHIP}/vocabulary`, keys.salesPublisher).send(term).expect(403);
      expect(viaRoute.body).toMatchObject({ code: 'auth.out-of-scope', detail: expect.stringContaining('"sales"') });
      const submission = { type: 'DefineVocabularyTerm', partnershipId: OTHER_PARTNERSHIP, data: term };
      await call('post', '/commands', keys.salesPublisher).send(submission).expect(403);
      const batch = await call('post', '/commands/batch', keys.salesPublisher).send({ submissions: [submission] }).expect(200);
      expect(batch.body).toMatchObject({ accepted: 0, outcomes: [{ status: 403, problem: { code: 'auth.out-of-scope' } }] });
      expect((await eventsOf(OTHER_PARTNERSHIP)).length).toBe(before);
    });

    it('learns nothing from the idempotency key of a submission made in scope', async () => {
      const submission = { type: 'DefineVocabularyTerm', partnershipId: OTHER_PARTNERSHIP, idempotencyKey: 'security/replay', data: { term: 'sal', definition: 'Accepted by sales.' } };
      await call('post', '/commands', keys.publisher).send(submission).expect(201);
      const replay = await call('post', '/commands', keys.salesPublisher).send(submission).expect(403);
      expect(replay.headers['idempotent-replayed']).toBeUndefined();
    });

    it('may read the state of a partnership in its scope, not of one outside it', async () => {
      await call('get', `/partnerships/${PARTNERSHIP}`, keys.salesPublisher).expect(200);
      const refused = await call('get', `/partnerships/${OTHER_PARTNERSHIP}`, keys.salesPublisher).expect(403);
      expect(refused.body.code).toBe('auth.out-of-scope');
    });
  });

  describe('keys managed through the admin API', () => {
    it('work from creation, keep working through a rotation, and stop at once when revoked or disabled', async () => {
      const accountId = uniqueName('rotated').toLowerCase().replace(/[^a-z0-9-]/g, '-');
      const created = await call('post', '/admin/service-accounts', keys.admin)
        .send({ accountId, roles: ['publisher'], partnershipScope: [PARTNERSHIP] })
        .expect(201);
      const first = created.body.key as { keyId: string; apiKey: string };
      await call('get', `/partnerships/${PARTNERSHIP}`, first.apiKey).expect(200);

      const second = (await call('post', `/admin/service-accounts/${accountId}/keys`, keys.admin).expect(201)).body as { keyId: string; apiKey: string };
      await call('get', `/partnerships/${PARTNERSHIP}`, first.apiKey).expect(200);
      await call('get', `/partnerships/${PARTNERSHIP}`, second.apiKey).expect(200);

      await call('delete', `/admin/service-accounts/${accountId}/keys/${first.keyId}`, keys.admin).expect(200);
      const revoked = await call('get', `/partnerships/${PARTNERSHIP}`, first.apiKey).expect(401);
      expect(revoked.body).toMatchObject({ code: 'auth.unauthenticated', detail: 'The API key was revoked; ask an admin for a new one.' });
      await call('get', `/partnerships/${PARTNERSHIP}`, second.apiKey).expect(200);

      await call('post', `/admin/service-accounts/${accountId}/disable`, keys.admin).expect(200);
      await call('get', `/partnerships/${PARTNERSHIP}`, second.apiKey).expect(401);
    });

    it('are listed without their secrets', async () => {
      const listed = await call('get', '/admin/service-accounts', keys.admin).expect(200);
      const crm = (listed.body.accounts as Array<{ accountId: string; keys: object[] }>).find(({ accountId }) => accountId === 'crm');
      expect(crm?.keys).toEqual([{ keyId: expect.any(String), accountId: 'crm', createdAt: expect.any(String), expiresAt: null, revokedAt: null }]);
      expect(JSON.stringify(listed.body)).not.toContain(keys.publisher.slice(-43));
    });

    it('answer mistakes with the code and field to fix, changing nothing', async () => {
      const duplicate = await call('post', '/admin/service-accounts', keys.admin).send({ accountId: 'crm', roles: ['publisher'] }).expect(409);
      expect(duplicate.body).toMatchObject({ code: 'account.exists', errors: [{ field: 'accountId' }] });
      const invalid = await call('post', '/admin/service-accounts', keys.admin).send({ accountId: 'Not A Slug', roles: ['root'], teamScope: [] }).expect(400);
      expect((invalid.body.errors as Array<{ field: string }>).map(({ field }) => field).sort()).toEqual(['accountId', 'roles[0]', 'teamScope']);
      await call('post', '/admin/service-accounts/nobody/keys', keys.admin).expect(404);
      const past = await call('post', '/admin/service-accounts/crm/keys', keys.admin).send({ expiresAt: '2020-01-01T00:00:00Z' }).expect(400);
      expect(past.body.code).toBe('key.expiry-in-past');
    });

    it('are an admin\'s business only: the admin may not publish, and no one else may manage accounts', async () => {
      await call('post', `/partnerships/${PARTNERSHIP}/vocabulary`, keys.admin).send({ term: 'x', definition: 'x' }).expect(403);
      await call('get', '/admin/service-accounts', keys.auditor).expect(403);
      await call('post', '/admin/service-accounts', keys.publisher).send({ accountId: 'sneaky', roles: ['admin'] }).expect(403);
    });
  });

  describe('answers to a caller without a valid key', () => {
    it('are 401 problems that invite Bearer or Basic authentication and never repeat the key', async () => {
      const forged = generateApiKey().apiKey;
      const response = await call('get', `/partnerships/${PARTNERSHIP}`, forged).expect(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="alignment-ledger", Basic realm="alignment-ledger"');
      expect(response.body).toMatchObject({ code: 'auth.unauthenticated', detail: 'The credentials are not a valid API key.' });
      expect(response.text).not.toContain(forged);
      const missing = await call('get', `/partnerships/${PARTNERSHIP}`).expect(401);
      expect(missing.body.detail).toBe('This endpoint needs an API key: send "Authorization: Bearer <key>".');
    });
  });

  describe('the OpenAPI document and its page', () => {
    it('need a key, which a browser can give as the password of a Basic login', async () => {
      await request(ledger.getHttpServer()).get('/openapi.json').expect(401).expect('www-authenticate', /Basic realm="alignment-ledger"/);
      await request(ledger.getHttpServer()).get('/docs').expect(401);
      const basic = `Basic ${Buffer.from(`anyone:${keys.auditor}`).toString('base64')}`;
      const document = await request(ledger.getHttpServer()).get('/openapi.json').set('Authorization', basic).expect(200);
      expect(document.body.components.securitySchemes).toEqual({
        apiKey: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
        apiKeyAsPassword: expect.objectContaining({ type: 'http', scheme: 'basic' }),
      });
      await request(ledger.getHttpServer()).get('/docs').set('Authorization', basic).expect(200).expect('content-type', /html/);
    });
  });

  describe('the rate limit per account', () => {
    it('answers 429 with Retry-After once an account has spent its burst, while other accounts go on', async () => {
      const relay = await createRelayApp(
        loadRelayConfig({ DATABASE_URL: database.url, KAFKA_BROKERS: testKafkaBrokers().join(','), LEDGER_EVENTS_TOPIC: topics[0] }),
        loadAuthSettings({ RATE_LIMIT_PER_SECOND: '0.1', RATE_LIMIT_BURST: '2' }),
      );
      await relay.init();
      try {
        const lag = (key: string) => request(relay.getHttpServer()).get('/relay/lag').set('Authorization', `Bearer ${key}`);
        await lag(keys.auditor).expect(200);
        await lag(keys.auditor).expect(200);
        const limited = await lag(keys.auditor).expect(429);
        expect(limited.headers['retry-after']).toBe('10');
        expect(limited.body).toMatchObject({ code: 'request.rate-limited', retryAfterSeconds: 10 });
        await lag(keys.admin).expect(200);
      } finally {
        await relay.close();
      }
    });
  });
});
