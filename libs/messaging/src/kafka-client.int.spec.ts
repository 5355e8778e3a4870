import { ConfigResourceTypes } from 'kafkajs';
import { createTestKafka, deleteTestTopics, testKafkaBrokers, uniqueName } from '@ledger/testing';
import { createKafka, ensureTopics } from './kafka-client';
import { silentLogger } from './logger';

jest.setTimeout(60_000);

describe('ensureTopics (real Kafka)', () => {
  const kafka = createTestKafka();
  const topic = uniqueName('ensure-topics');

  afterAll(() => deleteTestTopics([topic]));

  async function describeTopic(): Promise<{ partitions: number; retentionMs: string | undefined }> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms'] }],
      });
      const retention = resources[0]?.configEntries.find((entry) => entry.configName === 'retention.ms');
      return { partitions: topics[0]?.partitions.length ?? 0, retentionMs: retention?.configValue };
    } finally {
      await admin.disconnect();
    }
  }

  it('creates a missing topic with the requested partitions and configs', async () => {
    await ensureTopics(kafka, [{ topic, numPartitions: 2, configs: { 'retention.ms': '-1' } }]);
    expect(await describeTopic()).toEqual({ partitions: 2, retentionMs: '-1' });
  });

  it('leaves an existing topic exactly as it is when asked again', async () => {
    await ensureTopics(kafka, [{ topic, numPartitions: 6, configs: { 'retention.ms': '1000' } }]);
    expect(await describeTopic()).toEqual({ partitions: 2, retentionMs: '-1' });
  });

  it('logs no error for a topic that already exists, as happens at every start-up', async () => {
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (_details: object, message: string) => void errors.push(message) };

    await ensureTopics(createKafka({ brokers: testKafkaBrokers(), clientId: uniqueName('ensure-topics') }, logger), [{ topic, numPartitions: 2 }]);

    expect(errors).toEqual([]);
  });
});
