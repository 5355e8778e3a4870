import { ConfigurationError } from '@ledger/platform';
import { kafkaConfigFromEnv } from './kafka-config';

describe('kafkaConfigFromEnv', () => {
  it('points at a local broker when the environment names none', () => {
    expect(kafkaConfigFromEnv({})).toEqual({ brokers: ['127.0.0.1:9092'], clientId: 'alignment-ledger' });
  });

  it('reads a comma-separated broker list and a client id', () => {
    const config = kafkaConfigFromEnv({ KAFKA_BROKERS: 'kafka-1:9092, kafka-2.internal:19092', KAFKA_CLIENT_ID: 'outbox-relay' });
    expect(config).toEqual({ brokers: ['kafka-1:9092', 'kafka-2.internal:19092'], clientId: 'outbox-relay' });
  });

  it('refuses a broker without a port, naming the variable in one sentence', () => {
    expect(() => kafkaConfigFromEnv({ KAFKA_BROKERS: 'localhost' })).toThrow(ConfigurationError);
    expect(() => kafkaConfigFromEnv({ KAFKA_BROKERS: 'localhost' })).toThrow(
      'Invalid configuration KAFKA_BROKERS=["localhost"]: each broker must be written host:port, e.g. 127.0.0.1:9092.',
    );
  });

  it.each(['127.0.0.1:0', '127.0.0.1:70000', 'kafka://127.0.0.1:9092', '127.0.0.1:9092;127.0.0.1:9093'])(
    'refuses the broker list %s',
    (brokers) => {
      expect(() => kafkaConfigFromEnv({ KAFKA_BROKERS: brokers })).toThrow(/KAFKA_BROKERS/);
    },
  );

  it('refuses a list that is only commas', () => {
    expect(() => kafkaConfigFromEnv({ KAFKA_BROKERS: ' , ' })).toThrow(/KAFKA_BROKERS.*at least one broker/);
  });

  it('refuses a client id with spaces', () => {
    expect(() => kafkaConfigFromEnv({ KAFKA_CLIENT_ID: 'my relay' })).toThrow(/KAFKA_CLIENT_ID/);
  });
});
