import type { EventEnvelope } from '@ledger/contracts';
import { AssignerProtocol } from 'kafkajs';
import { eventually } from '../../../../tests/support/eventually';
import { ownershipProjection } from '../ownership/ownership.projection';
import { reportingProjection } from '../reporting/reporting.projection';
import { alignmentQuarterHistory } from '../testing';
import type { ProjectorRuntime } from './projector-runtime';
import { quarterCopies } from '../testing/scenario';
import { recordingLogger, RuntimeFixture } from './testing/runtime-fixture';
import { uniqueName } from '@ledger/testing';

jest.setTimeout(180_000);

const SCRATCH = 'ownership_scratch';

/** Until every message on the topic is applied (the lag probe's count). */
const caughtUp = (projector: ProjectorRuntime) => eventually(async () => (await projector.lag()).events === 0, 'the projector to catch up');

describe('the projection consumer', () => {
  let fixture: RuntimeFixture;
  let groupId: string;

  beforeEach(async () => {
    fixture = await RuntimeFixture.open();
    groupId = uniqueName('ownership-projector');
  });

  afterEach(() => fixture.close());

  /** Until the group has committed every partition to its end, so a re-read has been consumed. */
  async function groupCommittedToTheEnd(): Promise<void> {
    const admin = fixture.kafka.admin();
    await admin.connect();
    try {
      await eventually(async () => {
        const [high, [committed]] = await Promise.all([admin.fetchTopicOffsets(fixture.topic), admin.fetchOffsets({ groupId, topics: [fixture.topic] })]);
        // A partition no stream hashed to stays empty, and a group never commits anything there.
        const committedTo = (partition: number) => BigInt(committed.partitions.find((entry) => entry.partition === partition)?.offset ?? '-1');
        return high.every(({ partition, high: end }) => end === '0' || committedTo(partition) >= BigInt(end));
      }, 'the consumer group to commit every partition to its end');
    } finally {
      await admin.disconnect();
    }
  }

  async function resetGroupToEarliest(): Promise<void> {
    const admin = fixture.kafka.admin();
    await admin.connect();
    try {
      await admin.resetOffsets({ groupId, topic: fixture.topic, earliest: true });
    } finally {
      await admin.disconnect();
    }
  }

  async function storedVersion(streamId: string): Promise<number | undefined> {
    const { rows } = await fixture.query('SELECT version FROM ownership.stream_positions WHERE stream_id = $1', [streamId]);
    return (rows as { version: number }[])[0]?.version;
  }

  it('applies each event once although the relay published some twice and the group re-reads the whole topic', async () => {
    const history = await fixture.record(alignmentQuarterHistory());
    const publishedTwice = history.slice(40, 100);
    await fixture.publish(history);
    await fixture.publish(publishedTwice);
    const logger = recordingLogger();
    let projector = await fixture.startProjector({ liveSchema: 'ownership', projectionIn: ownershipProjection, groupId, logger });
    await caughtUp(projector);
    await fixture.buildFromScratch(ownershipProjection(SCRATCH));
    expect(await fixture.differences(ownershipProjection(), 'ownership', SCRATCH)).toBe('');

    await fixture.stopProjector(projector);
    await resetGroupToEarliest();
    projector = await fixture.startProjector({ liveSchema: 'ownership', projectionIn: ownershipProjection, groupId, logger });
    await groupCommittedToTheEnd();

    const dropped = logger.entries.reduce((sum, entry) => sum + Number(entry.details.duplicates ?? 0), 0);
    const messages = history.length + publishedTwice.length;
    expect(dropped).toBe(publishedTwice.length + messages);
    expect(await fixture.differences(ownershipProjection(), 'ownership', SCRATCH)).toBe('');
  });

  it('fills a gap in the topic from the event store, so the view is never built on a hole', async () => {
    const history = await fixture.record(alignmentQuarterHistory());
    const streamId = history[0].streamId;
    const missing = history.filter((event) => event.streamId === streamId && event.streamVersion >= 3 && event.streamVersion <= 6);
    await fixture.publish(history.filter((event) => !missing.includes(event)));
    const logger = recordingLogger();
    const projector = await fixture.startProjector({ liveSchema: 'ownership', projectionIn: ownershipProjection, groupId, logger });
    await caughtUp(projector);

    expect(logger.entries.reduce((sum, entry) => sum + Number(entry.details.gapFilled ?? 0), 0)).toBe(missing.length);
    await fixture.buildFromScratch(ownershipProjection(SCRATCH));
    expect(await fixture.differences(ownershipProjection(), 'ownership', SCRATCH)).toBe('');
  });

  it('stops at a message that is no event envelope, names its offset, and keeps what came before it', async () => {
    const history = await fixture.record(alignmentQuarterHistory());
    const streamId = history[0].streamId;
    const ofStream = history.filter((event) => event.streamId === streamId);
    await fixture.publish(ofStream.slice(0, 5));
    await fixture.publishRaw(streamId, '{"not": "an envelope"}');
    await fixture.publish(ofStream.slice(5));
    const projector = await fixture.startProjector({ liveSchema: 'ownership', projectionIn: ownershipProjection, groupId });

    const consumerCheck = projector.readinessProbes().find((probe) => probe.name === 'projection-consumer');
    const failure = await eventually(() => consumerCheck!.check().then(() => null, (error: Error) => error.message), 'the consumer to stop');
    expect(failure).toMatch(/^projector\.undecodable-message: The message at .+ partition \d+ offset 5 /);
    expect(await storedVersion(streamId)).toBe(5);
  });

  it('stops at an event the projection cannot read rather than skip it', async () => {
    const [first, second] = await fixture.record(alignmentQuarterHistory().slice(0, 1).concat(alignmentQuarterHistory().slice(0, 1)));
    await fixture.publish([first, { ...second, type: 'PartnershipRenamed' } as unknown as EventEnvelope]);
    const projector = await fixture.startProjector({ liveSchema: 'ownership', projectionIn: ownershipProjection, groupId });

    const consumerCheck = projector.readinessProbes().find((probe) => probe.name === 'projection-consumer');
    const failure = await eventually(() => consumerCheck!.check().then(() => null, (error: Error) => error.message), 'the consumer to stop');
    expect(failure).toContain('projection.unknown-event-type');
    expect(await storedVersion(first.streamId)).toBeUndefined();
  });

  it('shares the partitions between two instances of one group, and their view equals a rebuild from scratch', async () => {
    const history = await fixture.record(quarterCopies(4));
    const settings = { liveSchema: 'reporting', projectionIn: reportingProjection, groupId, batchSize: 50 };
    const instances = [await fixture.startProjector(settings), await fixture.startProjector(settings)];
    await fixture.publish(history);
    for (const instance of instances) await caughtUp(instance);

    const admin = fixture.kafka.admin();
    await admin.connect();
    const { groups } = await admin.describeGroups([groupId]).finally(() => admin.disconnect());
    const assigned = groups[0].members.map(({ memberAssignment }) => AssignerProtocol.MemberAssignment.decode(memberAssignment)?.assignment[fixture.topic] ?? []);
    expect(assigned).toHaveLength(2);
    expect(assigned.every((partitions) => partitions.length > 0)).toBe(true);
    await fixture.buildFromScratch(reportingProjection('reporting_scratch'));
    expect(await fixture.differences(reportingProjection(), 'reporting', 'reporting_scratch')).toBe('');
  });
});

describe('the lag a projector reports', () => {
  const TEN_MINUTES_AGO = () => new Date(Date.now() - 10 * 60_000);
  let fixture: RuntimeFixture;

  beforeAll(async () => {
    fixture = await RuntimeFixture.open(TEN_MINUTES_AGO);
  });

  afterAll(() => fixture.close());

  it('counts the unapplied events and their age while behind, and is 0 once caught up', async () => {
    const history = await fixture.record(alignmentQuarterHistory());
    await fixture.publish(history);
    const projector = await fixture.openProjector({ liveSchema: 'ownership', projectionIn: ownershipProjection, groupId: uniqueName('lag') });

    const behind = await projector.catchUpReport();
    expect(behind.lag).toMatchObject({ events: history.length, appliedPosition: 0, headPosition: history[history.length - 1].globalPosition });
    expect(behind.lag.seconds).toBeGreaterThanOrEqual(600);
    expect(behind.caughtUp).toBe(false);

    await projector.start();
    await caughtUp(projector);
    const after = await projector.catchUpReport();
    expect(after.lag).toMatchObject({ events: 0, seconds: 0, appliedPosition: after.lag.headPosition });
    expect(after.caughtUp).toBe(true);
  });
});
