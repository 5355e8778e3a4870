/**
 * The audit service over HTTP, as deployed (the app `main.ts` starts), on a real
 * Postgres and Kafka: it seals a recorded quarter in the background and answers
 * auditors' questions, with problem+json for every refusal. Callers hold the right key
 * (an auditor's; an admin's to start replays); who may call which route is the access
 * matrix's subject (tests/security).
 */
import type { INestApplication } from '@nestjs/common';
import { verifyExportDirectory } from '@ledger/audit';
import { loadAuthSettings } from '@ledger/auth';
import { AUDIT_REPLAY_TOPIC_PREFIX } from '@ledger/contracts';
import { eventLeafHash, verifyCheckpoint, verifyInclusion } from '@ledger/integrity';
import { createTestTopics, deleteTestTopics, readMessages, testKafkaBrokers, uniqueName } from '@ledger/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { provisionTestAccounts } from '../../../libs/auth/src/testing/test-accounts';
import { alignmentQuarterHistory } from '../../../libs/projections/src/testing';
import { openAuditFixture, type AuditFixture } from '../../../libs/audit/src/testing/audit-fixture';
import { createAuditApp } from './audit.app';
import { loadAuditConfig } from './audit.config';

jest.setTimeout(120_000);

describe('the audit service', () => {
  const history = alignmentQuarterHistory();
  const replayTopic = uniqueName(`${AUDIT_REPLAY_TOPIC_PREFIX}audit-http`);
  let ledger: AuditFixture;
  let app: INestApplication;
  let keys: Record<'auditor' | 'admin', string>;
  const server = () => request(app.getHttpServer());
  /** As the auditor: reading and verifying. */
  const http = {
    get: (path: string) => server().get(path).set('Authorization', `Bearer ${keys.auditor}`),
    post: (path: string) => server().post(path).set('Authorization', `Bearer ${keys.auditor}`),
  };
  /** As the admin: starting replays. */
  const asAdmin = (path: string) => server().post(path).set('Authorization', `Bearer ${keys.admin}`);

  beforeAll(async () => {
    ledger = await openAuditFixture();
    await ledger.record(history);
    await ledger.projectOwnership();
    // Created up front, so the replay does not meet the broker still electing the new topic's leaders.
    await createTestTopics([replayTopic], 3);
    keys = await provisionTestAccounts(ledger.url, { auditor: { roles: ['auditor'] }, admin: { roles: ['admin'] } });
    const config = loadAuditConfig({
      DATABASE_URL: ledger.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      AUDIT_SIGNER_KEY: ledger.keys.signerKey,
      AUDIT_ORIGIN: 'alignment-ledger.test/ledger',
      AUDIT_SEAL_INTERVAL_MS: '100',
      AUDIT_SEAL_EVENTS: '50',
    });
    // Request logs would bury the test's own output.
    process.env.LOG_LEVEL = 'warn';
    app = await createAuditApp(config, loadAuthSettings({ RATE_LIMIT_PER_SECOND: '10000', RATE_LIMIT_BURST: '10000' }));
    await app.init();
    await until(async () => (await http.get('/audit/checkpoints/latest')).body.treeSize === history.length);
  });

  afterAll(async () => {
    await app?.close();
    await deleteTestTopics([replayTopic]).catch(() => undefined);
    await ledger.close({ dropDatabase: true });
  });

  it('publishes the verifier key of its checkpoints', async () => {
    await http.get('/audit/verifier-key').expect(200, { origin: 'alignment-ledger.test/ledger', verifierKey: ledger.keys.verifierKey });
  });

  it('has sealed the log into checkpoints at most AUDIT_SEAL_EVENTS apart, each signed with that key', async () => {
    const { body } = await http.get('/audit/checkpoints').expect(200);

    expect(body.checkpoints.map((checkpoint: { treeSize: number }) => checkpoint.treeSize)).toEqual([50, 100, history.length]);
    for (const checkpoint of body.checkpoints) expect(verifyCheckpoint(checkpoint.signedNote, ledger.keys.verifierKey).treeSize).toBe(checkpoint.treeSize);
  });

  it("pages through a partnership's history with every envelope field", async () => {
    const { body } = await http.get('/audit/partnerships/mkt-sales/history?limit=5').expect(200);

    expect(body.events).toEqual(history.filter((event) => event.streamId === 'partnership-mkt-sales').slice(0, 5));
    expect(body.nextFromVersion).toBe(6);
  });

  it('answers problems naming the field for bad input and unknown things', async () => {
    const invalid = await http.get('/audit/log?limit=0').expect(400).expect('Content-Type', /application\/problem\+json/);
    expect(invalid.body).toMatchObject({ code: 'request.invalid', errors: [{ field: 'limit' }] });
    const unknown = await http.get('/audit/partnerships/no-such/history').expect(404);
    expect(unknown.body).toMatchObject({ code: 'audit.partnership-not-found', errors: [{ field: 'partnershipId' }] });
    const both = await http.get('/audit/partnerships/mkt-sales/state?asOf=2025-02-01T00:00:00Z&version=3').expect(400);
    expect(both.body).toMatchObject({ code: 'request.invalid', errors: [{ field: 'asOf' }] });
    const noZone = await http.get('/audit/partnerships/mkt-sales/state?asOf=2025-02-01T00:00:00').expect(400);
    expect(noZone.body.errors[0]).toMatchObject({ field: 'asOf', message: expect.stringContaining('time zone') });
    const unsealed = await http.get(`/audit/events/${history[3]!.eventId}/inclusion?treeSize=7`).expect(404);
    expect(unsealed.body).toMatchObject({ code: 'audit.checkpoint-not-found', errors: [{ field: 'treeSize' }] });
  });

  it('answers the state as of an instant naming its time axis, which differ for a fact recorded late', async () => {
    const instant = '2025-02-01T03:00:00.000Z';
    const business = (await http.get(`/audit/partnerships/mkt-sales/state?asOf=${instant}&time=business`).expect(200)).body;
    const ledgerTime = (await http.get(`/audit/partnerships/mkt-sales/state?asOf=${instant}`).expect(200)).body;

    expect(business.asOf).toEqual({ time: 'business', instant });
    expect(ledgerTime.asOf).toEqual({ time: 'ledger', instant });
    expect(business.state.observationIds['mql-volume-2025-01']).toBe(true);
    expect(ledgerTime.state.observationIds['mql-volume-2025-01']).toBeUndefined();
  });

  it('shows what changed between two versions', async () => {
    const { body } = await http.get('/audit/partnerships/mkt-it/diff?fromVersion=1&toVersion=2').expect(200);

    expect(body.changes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'changed', path: ['version'], before: 1, after: 2 })]));
  });

  it('proves an event included in the latest checkpoint', async () => {
    const event = history[42]!;
    const { body } = await http.get(`/audit/events/${event.eventId}/inclusion`).expect(200);

    const root = verifyCheckpoint(body.checkpoint, ledger.keys.verifierKey).rootHash;
    const proof = body.proof.map((hash: string) => Buffer.from(hash, 'hex'));
    expect(verifyInclusion(eventLeafHash(event.globalPosition, event.hash), body.leafIndex, body.treeSize, proof, root)).toBe(true);
  });

  it('verifies the ledger in the background and reports it intact', async () => {
    const started = await http.post('/audit/verifications').expect(202);
    const job = await until(async () => {
      const { body } = await http.get(`/audit/verifications/${started.body.id}`).expect(200);
      return body.state !== 'running' && body;
    });

    expect(job).toMatchObject({ state: 'succeeded', result: { status: 'intact', eventsVerified: history.length, sealedEvents: history.length } });
  });

  it('streams an export whose linked manifest makes it verifiable offline', async () => {
    const events = await http.get(`/audit/export?fromPosition=${history[10]!.globalPosition}`).expect(200).expect('Content-Type', /ndjson/);
    const manifestLink = /<([^>]+)>; rel="describedby"/.exec(events.headers.link!)![1]!;
    const manifest = await http.get(manifestLink).expect(200);
    const directory = await mkdtemp(join(tmpdir(), 'audit-http-export-'));
    try {
      await writeFile(join(directory, 'events.ndjson'), events.text);
      await writeFile(join(directory, 'manifest.json'), JSON.stringify(manifest.body));

      await expect(verifyExportDirectory(directory, ledger.keys.verifierKey)).resolves.toMatchObject({ status: 'intact', events: history.length - 10 });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('replays the history into a fresh projection that equals the live one', async () => {
    const started = await asAdmin('/audit/replays/projection').send({ projection: 'ownership', intoSchema: 'ownership_http_replay' }).expect(202);
    const job = await until(async () => {
      const { body } = await http.get(`/audit/replays/${started.body.id}`).expect(200);
      return body.state !== 'running' && body;
    });

    expect(job).toMatchObject({ state: 'succeeded', result: { eventsApplied: history.length, comparison: { equal: true } } });
  });

  it('replays a range onto a topic', async () => {
    const started = await asAdmin('/audit/replays/topic')
      .send({ topic: replayTopic, toPosition: history[19]!.globalPosition })
      .expect(202);
    const job = await until(async () => {
      const { body } = await http.get(`/audit/replays/${started.body.id}`).expect(200);
      return body.state !== 'running' && body;
    });

    expect(job).toMatchObject({ state: 'succeeded', result: { eventsPublished: 20 } });
    expect(await readMessages(replayTopic, { count: 20 })).toHaveLength(20);
  });

  it('refuses, before anything starts, to replay onto a topic outside the audit\'s replay prefix', async () => {
    const refused = await asAdmin('/audit/replays/topic').send({ topic: 'alignment.ledger.events.v1' }).expect(400);

    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'request.invalid', errors: [{ field: 'topic', message: expect.stringContaining(AUDIT_REPLAY_TOPIC_PREFIX) }] });
  });
});

async function until<T>(probe: () => Promise<T | false | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe();
    if (answer) return answer;
    if (Date.now() > deadline) throw new Error(`Gave up waiting after ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
