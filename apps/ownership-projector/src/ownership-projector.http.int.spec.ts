/**
 * The ownership projector over HTTP, as deployed (the app `main.ts` starts), in process
 * on a real Postgres and Kafka: health with the lag beside it, the lag itself, and
 * rebuilds started, followed and refused. (The reporting projector is the same
 * `ProjectorServiceModule` over its own view.) Who may call which route is the access
 * matrix's subject (tests/security); here the callers hold the right key.
 */
import type { INestApplication } from '@nestjs/common';
import { loadAuthSettings } from '@ledger/auth';
import { createEventStoreDataSource, EventStore } from '@ledger/event-store';
import { silentLogger } from '@ledger/messaging';
import { createProjectorApp, ownershipProjection, ProjectionRebuilder } from '@ledger/projections';
import { createTestDatabase, createTestPool, createTestTopics, deleteTestTopics, testKafkaBrokers, uniqueName, type TestDatabase } from '@ledger/testing';
import request from 'supertest';
import { provisionTestAccounts } from '../../../libs/auth/src/testing/test-accounts';
import { eventually } from '../../../tests/support/eventually';
import { loadOwnershipProjectorConfig, OWNERSHIP_VIEW } from './ownership-projector.config';

jest.setTimeout(90_000);

describe('ownership projector over HTTP', () => {
  const topic = uniqueName('ownership-http-events');
  let database: TestDatabase;
  let app: INestApplication;
  let keys: Record<'admin' | 'analyst', string>;
  const http = () => request(app.getHttpServer());
  const asAnalyst = (path: string) => http().get(path).set('Authorization', `Bearer ${keys.analyst}`);
  const rebuildAsAdmin = () => http().post('/projection/rebuild').set('Authorization', `Bearer ${keys.admin}`);

  beforeAll(async () => {
    database = await createTestDatabase('al_projector_http');
    await createTestTopics([topic], 1);
    keys = await provisionTestAccounts(database.url, { admin: { roles: ['admin'] }, analyst: { roles: ['analyst'] } });
    process.env.LOG_LEVEL = 'warn';
    const config = loadOwnershipProjectorConfig({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testKafkaBrokers().join(','),
      LEDGER_EVENTS_TOPIC: topic,
      PROJECTOR_GROUP: uniqueName('ownership-http'),
    });
    app = await createProjectorApp(OWNERSHIP_VIEW, config, loadAuthSettings());
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await deleteTestTopics([topic]).catch(() => undefined);
    await database?.drop();
  });

  it('is alive, and ready with Postgres, Kafka and the consumer up, to a caller without a key, reporting the lag beside them', async () => {
    await http().get('/health/live').expect(200, { status: 'alive' });

    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      checks: { postgres: { status: 'up' }, kafka: { status: 'up' }, 'projection-consumer': { status: 'up' } },
      projection: { caughtUp: true, withinSeconds: 30, lag: { events: 0, seconds: 0 } },
    });
  });

  it('reports the lag per partition of the ledger topic', async () => {
    const lag = await asAnalyst('/projection/lag').expect(200);

    expect(lag.body).toEqual({
      events: 0,
      seconds: 0,
      appliedPosition: 0,
      headPosition: 0,
      partitions: [{ partition: 0, highWatermark: '0', appliedOffset: '0', events: 0 }],
    });
  });

  it('accepts a rebuild with 202 and its id, under which its progress can be followed to the switch', async () => {
    const accepted = await rebuildAsAdmin().expect(202);
    expect(accepted.body).toMatchObject({ id: expect.any(String), liveSchema: 'ownership', state: expect.any(String) });
    expect(accepted.headers.location).toBe(`/projection/rebuild/${accepted.body.id}`);

    const switched = await eventually(async () => {
      const progress = await asAnalyst(accepted.headers.location).expect(200);
      return progress.body.state === 'switched' && progress.body;
    }, 'the rebuild to switch');
    expect(switched).toMatchObject({ retiredSchemaKept: true, error: null, finishedAt: expect.any(String) });
  });

  it('refuses a rebuild with 409 while another instance rebuilds the same view', async () => {
    const dataSource = createEventStoreDataSource({ url: database.url, poolSize: 1 });
    const pool = createTestPool(database.url, 1);
    await dataSource.initialize();
    try {
      const elsewhere = await new ProjectionRebuilder({
        databaseUrl: database.url,
        pool,
        eventStore: new EventStore(dataSource),
        projectionIn: ownershipProjection,
        liveSchema: 'ownership',
        logger: silentLogger,
        clock: () => new Date(Date.now() + 60_000),
      }).begin();

      const refused = await rebuildAsAdmin().expect(409).expect('content-type', /application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'projector.rebuild-in-progress', detail: expect.stringContaining('already running') });
      await elsewhere.run();
    } finally {
      await pool.end();
      await dataSource.destroy();
    }
  });

  it('answers 404 with a problem for a rebuild id it does not know', async () => {
    const unknown = await asAnalyst('/projection/rebuild/no-such-rebuild').expect(404);

    expect(unknown.body).toMatchObject({ code: 'projector.rebuild-not-found', errors: [{ field: 'id' }] });
  });
});
