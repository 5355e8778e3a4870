import type { EventEnvelope } from '@ledger/contracts';
import { OutboxRelay } from '@ledger/event-store';
import { KafkaEventPublisher, silentLogger } from '@ledger/messaging';
import { uniqueName } from '@ledger/testing';
import { eventually } from '../../../../tests/support/eventually';
import { ownershipProjection } from '../ownership/ownership.projection';
import { alignmentQuarterHistory } from '../testing';
import { migrateProjection } from './projection-migrations';
import { ProjectionRebuilder, type ProjectionRebuilderOptions } from './projection-rebuilder';
import type { ProjectorRuntime } from './projector-runtime';
import type { RebuildProgress } from './rebuild-progress';
import { quarterCopies } from '../testing/scenario';
import { RuntimeFixture } from './testing/runtime-fixture';

jest.setTimeout(240_000);

const LIVE = 'ownership';

describe('rebuilding a projection beside the live one and switching', () => {
  let fixture: RuntimeFixture;

  beforeEach(async () => {
    fixture = await RuntimeFixture.open();
  });

  afterEach(() => fixture.close());

  const rebuilder = (options: Partial<ProjectionRebuilderOptions> = {}) =>
    new ProjectionRebuilder({
      databaseUrl: fixture.url,
      pool: fixture.pool,
      eventStore: fixture.eventStore,
      projectionIn: ownershipProjection,
      liveSchema: LIVE,
      pageSize: 500,
      logger: silentLogger,
      ...options,
    });

  const schemaExists = async (schema: string) =>
    (await fixture.query('SELECT to_regnamespace($1) IS NOT NULL AS present', [`"${schema}"`])).rows[0] as { present: boolean };

  /** Streams whose stored position differs from the ledger's version: events not applied yet, or lost. */
  async function streamsOutOfStep(): Promise<number> {
    const { rows } = await fixture.query(
      `SELECT count(*)::int AS streams FROM ledger.streams s FULL JOIN ${LIVE}.stream_positions p USING (stream_id)
       WHERE s.version IS DISTINCT FROM p.version`,
      [],
    );
    return (rows[0] as { streams: number }).streams;
  }

  /** The outbox relay, publishing the fixture's event store to its topic as the service does. */
  async function startRelay(): Promise<{ relay: OutboxRelay; stop(): Promise<void> }> {
    const producer = new KafkaEventPublisher({ kafka: fixture.kafka, topic: fixture.topic });
    await producer.connect();
    const relay = new OutboxRelay({ eventStore: fixture.eventStore, dataSource: fixture.dataSource, producer, topic: fixture.topic, idleDelayMs: 20 });
    relay.start();
    return { relay, stop: () => relay.stop().then(() => producer.disconnect()) };
  }

  /** Records one more copy of the quarter after another until told to stop; resolves with how many it recorded. */
  function keepRecording(): { stop(): Promise<number> } {
    let recording = true;
    const copies = (async () => {
      let copy = 100;
      while (recording) await fixture.record(quarterCopies(1, copy++));
      return copy - 100;
    })();
    return { stop: () => ((recording = false), copies) };
  }

  async function rebuildToTheEnd(projector: ProjectorRuntime): Promise<RebuildProgress> {
    const { id } = await projector.startRebuild();
    return eventually(async () => {
      const progress = projector.rebuildProgress(id);
      return ['switched', 'failed'].includes(progress.state) && progress;
    }, 'the rebuild to end');
  }

  it('switches to a rebuilt view while events keep arriving, and the view then equals a rebuild from scratch', async () => {
    const publishing = await startRelay();
    try {
      await fixture.record(quarterCopies(4));
      const projector = await fixture.startProjector({ liveSchema: LIVE, projectionIn: ownershipProjection, groupId: uniqueName('rebuild'), batchSize: 20 });
      const arriving = keepRecording();
      await eventually(async () => (await projector.lag()).appliedPosition > 0, 'the live view to be fed');

      const headAtStart = await fixture.eventStore.headPosition();
      const progress = await rebuildToTheEnd(projector);
      const headAtSwitch = await fixture.eventStore.headPosition();
      await arriving.stop();
      // A lost event would keep its stream behind for ever; a doubled one would show in the comparison.
      await eventually(async () => (await streamsOutOfStep()) === 0, 'every stream to be applied up to its version in the ledger');
      await eventually(async () => (await projector.lag()).events === 0, 'the projector to consume every message');

      expect(headAtSwitch).toBeGreaterThan(headAtStart);
      expect(progress).toMatchObject({ state: 'switched', retiredSchemaKept: true, error: null });
      expect(progress.eventsDone).toBeGreaterThanOrEqual(headAtStart);
      expect(await schemaExists(progress.retiredSchema)).toEqual({ present: true });
      expect(await schemaExists(progress.rebuildSchema)).toEqual({ present: false });
      await fixture.buildFromScratch(ownershipProjection('ownership_scratch'));
      expect(await fixture.differences(ownershipProjection(), LIVE, 'ownership_scratch')).toBe('');
    } finally {
      await publishing.stop();
    }
  });

  it('runs one rebuild at a time, and keeps each retired schema until the next rebuild switches', async () => {
    await fixture.record(alignmentQuarterHistory());
    await migrateProjection(fixture.url, ownershipProjection());

    const first = await rebuilder().begin();
    await expect(rebuilder().begin()).rejects.toMatchObject({ code: 'projector.rebuild-in-progress' });
    const firstOutcome = await first.run();
    const secondOutcome = await rebuilder({ clock: () => new Date(Date.now() + 1000) }).rebuildAndSwitch();

    expect(await schemaExists(firstOutcome.retiredSchema)).toEqual({ present: false });
    expect(await schemaExists(secondOutcome.retiredSchema)).toEqual({ present: true });
    await fixture.buildFromScratch(ownershipProjection('ownership_scratch'));
    expect(await fixture.differences(ownershipProjection(), LIVE, 'ownership_scratch')).toBe('');
  });

  it("takes over the rebuilt schema's migration record, so the next start finds nothing to migrate", async () => {
    await fixture.record(alignmentQuarterHistory());
    await migrateProjection(fixture.url, ownershipProjection());

    const outcome = await rebuilder({ dropRetired: true }).rebuildAndSwitch();

    const { rows } = await fixture.query('SELECT name FROM ownership_migrations ORDER BY id', []);
    expect(rows.map((row) => (row as { name: string }).name)).toHaveLength(3);
    expect((await fixture.query('SELECT to_regclass($1) AS found', [`${outcome.rebuildSchema}_migrations`])).rows[0]).toEqual({ found: null });
    expect(await schemaExists(outcome.retiredSchema)).toEqual({ present: false });
    await expect(migrateProjection(fixture.url, ownershipProjection())).resolves.toBeUndefined();
  });

  it('lets afterSwitch hooks point dependent views at the new schema, where an unregistered view keeps the retired one', async () => {
    await fixture.record(alignmentQuarterHistory());
    await migrateProjection(fixture.url, ownershipProjection());
    const metricOwnersView = `CREATE OR REPLACE VIEW bi.metric_owners AS SELECT partnership_id, metric_id, owner_team_id FROM ${LIVE}.metrics`;
    await fixture.query('CREATE SCHEMA bi', []);
    await fixture.query(metricOwnersView, []);
    await fixture.query(`CREATE VIEW bi.forgotten AS SELECT partnership_id FROM ${LIVE}.partnerships`, []);

    const outcome = await rebuilder({ afterSwitch: [(query) => query(metricOwnersView, []).then(() => undefined)] }).rebuildAndSwitch();

    const definition = async (view: string) => ((await fixture.query('SELECT pg_get_viewdef($1::regclass) AS sql', [view])).rows[0] as { sql: string }).sql;
    expect(await definition('bi.metric_owners')).toContain(`FROM ${LIVE}.metrics`);
    expect(await definition('bi.forgotten')).toContain(`FROM ${outcome.retiredSchema}.partnerships`);
    const { rows } = await fixture.query('SELECT count(*)::int AS metrics FROM bi.metric_owners', []);
    expect(rows[0]).toEqual({ metrics: expect.any(Number) });
    expect((rows[0] as { metrics: number }).metrics).toBeGreaterThan(0);
  });

  it('leaves the live view as it was when the rebuild fails, drops the half-built schema and frees the lock', async () => {
    const history = await fixture.record(alignmentQuarterHistory());
    await migrateProjection(fixture.url, ownershipProjection());
    await fixture.record([{ ...history[0], type: 'PartnershipRenamed' } as unknown as EventEnvelope]);

    const failing = rebuilder().rebuildAndSwitch();

    await expect(failing).rejects.toMatchObject({ code: 'projection.unknown-event-type' });
    expect((await fixture.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'ownership%' ORDER BY 1`, [])).rows).toEqual([{ nspname: LIVE }]);
    expect((await fixture.query(`SELECT tablename FROM pg_tables WHERE tablename LIKE 'ownership%migrations'`, [])).rows).toEqual([{ tablename: 'ownership_migrations' }]);
    const next = await rebuilder().begin();
    await expect(next.run()).rejects.toMatchObject({ code: 'projection.unknown-event-type' });
  });
});
