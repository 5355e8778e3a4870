/**
 * The ledger service over HTTP, in process, on a real Postgres and a real Kafka:
 * what a publishing system sees when it succeeds, retries, races or makes a mistake.
 * It calls as a publisher; the history is read back as an auditor.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, deleteTestTopics, testKafkaBrokers, uniqueName, type TestDatabase } from '@ledger/testing';
import { loadAuthSettings } from '@ledger/auth';
import { KEEP_ALIVE_TIMEOUT_MS } from '@ledger/platform';
import request from 'supertest';
import { provisionTestAccounts } from '../../../libs/auth/src/testing/test-accounts';
import { COMMAND_EXAMPLES } from './commands/dto/examples';
import { createLedgerApp } from './ledger.app';
import { loadLedgerConfig } from './ledger.config';

jest.setTimeout(60_000);

const PARTNERSHIP = COMMAND_EXAMPLES.ProposePartnership;

describe('ledger service over HTTP', () => {
  let database: TestDatabase;
  let app: INestApplication;
  let topics: string[];
  let keys: { publisher: string; auditor: string };
  const server = () => request(app.getHttpServer());
  const as = (key: string) => ({
    get: (path: string) => server().get(path).set('Authorization', `Bearer ${key}`),
    post: (path: string) => server().post(path).set('Authorization', `Bearer ${key}`),
  });
  const http = () => as(keys.publisher);

  beforeAll(async () => {
    database = await createTestDatabase('al_ledger_http');
    keys = await provisionTestAccounts(database.url, { publisher: { roles: ['publisher'] }, auditor: { roles: ['auditor'] } });
    topics = [uniqueName('events'), uniqueName('dlq')];
    const config = loadLedgerConfig({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      LEDGER_EVENTS_TOPIC: topics[0],
      COMMAND_DEAD_LETTER_TOPIC: topics[1],
      COMMAND_INGEST_ENABLED: 'false',
      KAFKA_TOPIC_PARTITIONS: '1',
      REQUEST_BODY_LIMIT: '64kb',
      LOG_LEVEL: 'warn',
    });
    process.env.LOG_LEVEL = 'warn';
    app = await createLedgerApp(config, loadAuthSettings({ RATE_LIMIT_PER_SECOND: '10000', RATE_LIMIT_BURST: '10000' }));
    await app.init();
    await http().post('/partnerships').send(PARTNERSHIP).expect(201);
  });

  afterAll(async () => {
    await app?.close();
    await deleteTestTopics(topics);
    await database?.drop();
  });

  const eventsOf = async (partnershipId: string) =>
    (await as(keys.auditor).get(`/partnerships/${partnershipId}/events`).expect(200)).body.events as Array<{ type: string }>;

  it('records a proposal and answers with the new stream version in the body and the ETag', async () => {
    const response = await http().get(`/partnerships/${PARTNERSHIP.partnershipId}`).expect(200);
    expect(response.headers.etag).toBe('"1"');
    expect(response.body).toMatchObject({ version: 1, state: { status: 'proposed' } });
  });

  it('answers a retry with the same idempotency key with the first result and records nothing new', async () => {
    const body = { term: 'inquiry', definition: 'Any inbound contact that asks for information.' };
    const path = `/partnerships/${PARTNERSHIP.partnershipId}/vocabulary`;
    const first = await http().post(path).set('Idempotency-Key', 'vocab-inquiry-1').send(body).expect(201);
    const retry = await http().post(path).set('Idempotency-Key', 'vocab-inquiry-1').send(body).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect((await eventsOf(PARTNERSHIP.partnershipId)).filter((e) => e.type === 'VocabularyTermDefined')).toHaveLength(1);
  });

  it('refuses an idempotency key reused for a different request, recording nothing', async () => {
    const path = `/partnerships/${PARTNERSHIP.partnershipId}/vocabulary`;
    await http().post(path).set('Idempotency-Key', 'vocab-lead-1').send({ term: 'lead', definition: 'An inquiry with a known contact.' }).expect(201);
    const before = (await eventsOf(PARTNERSHIP.partnershipId)).length;
    const response = await http()
      .post(path)
      .set('Idempotency-Key', 'vocab-lead-1')
      .send({ term: 'prospect', definition: 'Someone who fits the ideal customer profile.' })
      .expect(422);
    expect(response.body.code).toBe('idempotency.key-reused');
    expect((await eventsOf(PARTNERSHIP.partnershipId)).length).toBe(before);
  });

  it('answers a stale If-Match with 409 naming both versions, and records nothing', async () => {
    const before = (await eventsOf(PARTNERSHIP.partnershipId)).length;
    const response = await http()
      .post(`/partnerships/${PARTNERSHIP.partnershipId}/vocabulary`)
      .set('If-Match', '"1"')
      .send({ term: 'sal', definition: 'A lead sales has accepted for follow-up.' })
      .expect(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'stream.wrong-expected-version', expectedVersion: 1, actualVersion: before });
    expect((await eventsOf(PARTNERSHIP.partnershipId)).length).toBe(before);
  });

  it('records concurrent submissions to one partnership without spurious conflicts', async () => {
    const terms = Array.from({ length: 20 }, (_, index) => `term-${index}`);
    const responses = await Promise.all(
      terms.map((term) =>
        http().post(`/partnerships/${PARTNERSHIP.partnershipId}/vocabulary`).send({ term, definition: `Definition of ${term}.` }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(terms.map(() => 201));
    const versions = responses.map((response) => response.body.streamVersion as number).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(terms.length);
  });

  it('refuses a rule violation with 422, the rule code and the field, and records nothing', async () => {
    const before = (await eventsOf(PARTNERSHIP.partnershipId)).length;
    const response = await http()
      .post(`/partnerships/${PARTNERSHIP.partnershipId}/signatures`)
      .send({ agreementVersion: 1, teamId: 'finance', signatory: 'Fran Finance' })
      .expect(422);
    expect(response.body).toMatchObject({
      code: 'agreement.signer-not-partner',
      errors: [{ field: 'teamId', rule: 'agreement.signer-not-partner' }],
    });
    expect((await eventsOf(PARTNERSHIP.partnershipId)).length).toBe(before);
  });

  it('answers 404 for a command to a partnership that does not exist', async () => {
    const response = await http().post('/partnerships/no-such-partnership/vocabulary').send({ term: 'mql', definition: 'x' }).expect(404);
    expect(response.body.code).toBe('partnership.not-found');
    await http().get('/partnerships/no-such-partnership').expect(404);
  });

  it('answers malformed input with 400 naming each field and rule, and an oversized body with 413', async () => {
    const invalid = await http()
      .post(`/partnerships/${PARTNERSHIP.partnershipId}/readings`)
      .send({ readingId: 'r-1', metricId: 'mql-volume', period: 'March', value: 'many', extra: true })
      .expect(400);
    const fields = (invalid.body.errors as Array<{ field: string }>).map((error) => error.field).sort();
    expect(fields).toEqual(['extra', 'period', 'value']);

    await http()
      .post(`/partnerships/${PARTNERSHIP.partnershipId}/readings`)
      .set('Content-Type', 'application/json')
      .send('{"readingId": ')
      .expect(400)
      .expect((res) => expect(res.body.code).toBe('request.malformed-json'));

    const huge = { term: 'huge', definition: 'x'.repeat(100_000) };
    await http().post(`/partnerships/${PARTNERSHIP.partnershipId}/vocabulary`).send(huge).expect(413);
  });

  it('applies a batch in order and answers one outcome per submission', async () => {
    const partnershipId = 'batch-partnership';
    const submissions = [
      { type: 'ProposePartnership', partnershipId, data: { ...PARTNERSHIP, partnershipId } },
      { type: 'DefineVocabularyTerm', partnershipId, data: { term: 'mql', definition: 'Scored 60 or more.' } },
      { type: 'DefineVocabularyTerm', partnershipId, data: { term: 'mql', definition: 'Defined twice.' } },
      { type: 'NoSuchCommand', partnershipId, data: {} },
    ];
    const response = await http().post('/commands/batch').send({ submissions }).expect(200);
    expect(response.body.accepted).toBe(2);
    expect(response.body.outcomes.map((outcome: { status: number }) => outcome.status)).toEqual([201, 201, 409, 400]);
    expect((await eventsOf(partnershipId)).map((event) => event.type)).toEqual(['PartnershipProposed', 'VocabularyTermDefined']);
  });

  it('keeps an idle kept-alive connection open longer than its clients and load balancers do', () => {
    expect((app.getHttpServer() as Server).keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
  });

  it('serves the OpenAPI document that is committed in apps/ledger/openapi.json', async () => {
    const served = await http().get('/openapi.json').expect(200);
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
    expect(served.body).toEqual(committed);
  });
});
