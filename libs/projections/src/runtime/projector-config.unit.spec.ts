import { silentLogger } from '@ledger/messaging';
import { loadConfig } from '@ledger/platform';
import { ownershipProjection } from '../ownership/ownership.projection';
import { PROJECTOR_ENVIRONMENT, ProjectorConfig, projectorSettings } from './projector-config';

class ExampleProjectorConfig extends ProjectorConfig {
  port = 3999;
  projectorGroup = 'example-projector';
}

const load = (env: NodeJS.ProcessEnv) => loadConfig(ExampleProjectorConfig, PROJECTOR_ENVIRONMENT, env);

describe('a projector service configuration', () => {
  it("runs the local stack with no variable set, on the service's own port and group", () => {
    expect(load({})).toMatchObject({
      port: 3999,
      projectorGroup: 'example-projector',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/alignment_ledger',
      ledgerEventsTopic: 'alignment.ledger.events.v1',
      batchSize: 500,
    });
  });

  it('reads every setting from its environment variable', () => {
    const config = load({
      PORT: '4100',
      DATABASE_URL: 'postgres://db/ledger',
      KAFKA_BROKERS: 'k1:9092,k2:9092',
      LEDGER_EVENTS_TOPIC: 'events',
      KAFKA_TOPIC_PARTITIONS: '12',
      PROJECTOR_GROUP: 'views-2',
      PROJECTOR_BATCH_SIZE: '50',
      PROJECTOR_CAUGHT_UP_SECONDS: '5',
    });

    expect(projectorSettings(config, { name: 'example', liveSchema: 'ownership', projectionIn: ownershipProjection }, silentLogger)).toMatchObject({
      databaseUrl: 'postgres://db/ledger',
      kafkaBrokers: ['k1:9092', 'k2:9092'],
      topic: 'events',
      topicPartitions: 12,
      groupId: 'views-2',
      batchSize: 50,
      caughtUpWithinSeconds: 5,
    });
    expect(config.port).toBe(4100);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PROJECTOR_GROUP', 'views and more'],
    ['PROJECTOR_BATCH_SIZE', '0'],
  ])('refuses a bad %s with one sentence naming it', (variable, value) => {
    expect(() => load({ [variable]: value })).toThrow(new RegExp(`^Invalid configuration ${variable}=`));
  });
});
