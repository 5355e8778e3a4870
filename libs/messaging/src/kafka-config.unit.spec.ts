import { ConfigurationError } from '@ledger/platform';
import { kafkaConfigFromEnv, kafkaSaslFromEnv } from './kafka-config';

describe('kafkaConfigFromEnv', () => {
  it('points at a local broker when the environment names none', () => {
    expect(kafkaConfigFromEnv({})).toEqual({ brokers: ['127.0.0.1:9092'], clientId: 'alignment-ledger', sasl: null });
  });

  it('reads a comma-separated broker list and a client id', () => {
    const config = kafkaConfigFromEnv({ KAFKA_BROKERS: 'kafka-1:9092, kafka-2.internal:19092', KAFKA_CLIENT_ID: 'outbox-relay' });
    expect(config).toMatchObject({ brokers: ['kafka-1:9092', 'kafka-2.internal:19092'], clientId: 'outbox-relay' });
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

  it('authenticates with SCRAM-SHA-512 as the user of KAFKA_SASL_USERNAME when one is set', () => {
    const config = kafkaConfigFromEnv({ KAFKA_SASL_USERNAME: 'ledger', KAFKA_SASL_PASSWORD: 's3cret' });
    expect(config.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'ledger', password: 's3cret' });
  });

  it('takes the mechanism in either case', () => {
    const sasl = kafkaSaslFromEnv({ KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256', KAFKA_SASL_USERNAME: 'ledger', KAFKA_SASL_PASSWORD: 'p' });
    expect(sasl?.mechanism).toBe('scram-sha-256');
  });

  it('refuses a user name without a password in one sentence naming both variables', () => {
    expect(() => kafkaSaslFromEnv({ KAFKA_SASL_USERNAME: 'ledger' })).toThrow(
      'Invalid configuration KAFKA_SASL_PASSWORD="": KAFKA_SASL_USERNAME is set, so KAFKA_SASL_PASSWORD must be set too.',
    );
  });

  it('refuses an unknown mechanism, and never prints the password', () => {
    const attempt = () => kafkaSaslFromEnv({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'ledger', KAFKA_SASL_PASSWORD: 'do-not-print' });
    expect(attempt).toThrow(/KAFKA_SASL_MECHANISM="gssapi": the mechanism is one of scram-sha-512, scram-sha-256, plain/);
    expect(attempt).not.toThrow(/do-not-print/);
  });
});
