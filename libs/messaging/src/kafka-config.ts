/**
 * Where Kafka is and who we are to it, read from the environment once at start-up.
 * A malformed KAFKA_BROKERS stops the service with one sentence instead of a stream of
 * kafkajs connection retries later.
 */
import { ArrayNotEmpty, Matches, ValidateBy } from 'class-validator';
import { loadConfig } from '@ledger/platform';

export interface KafkaConfig {
  /** `host:port` of the bootstrap brokers. */
  brokers: string[];
  /** Names this process in broker logs and quotas. */
  clientId: string;
}

const HOST_AND_PORT = /^(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+):(\d+)$/;

function isBrokerAddress(value: unknown): boolean {
  const match = typeof value === 'string' ? HOST_AND_PORT.exec(value) : null;
  const port = Number(match?.[2]);
  return match !== null && port >= 1 && port <= 65_535;
}

class KafkaEnvironment implements KafkaConfig {
  @ArrayNotEmpty({ message: 'name at least one broker, e.g. 127.0.0.1:9092' })
  @ValidateBy(
    { name: 'isBrokerAddress', validator: { validate: isBrokerAddress } },
    { each: true, message: 'each broker must be written host:port, e.g. 127.0.0.1:9092' },
  )
  brokers = ['127.0.0.1:9092'];

  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'a client id is letters, digits, dots, underscores and dashes' })
  clientId = 'alignment-ledger';
}

/** KAFKA_BROKERS (comma separated, default 127.0.0.1:9092) and KAFKA_CLIENT_ID. */
export function kafkaConfigFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const { brokers, clientId } = loadConfig(
    KafkaEnvironment,
    { brokers: 'KAFKA_BROKERS', clientId: 'KAFKA_CLIENT_ID' },
    env,
  );
  return { brokers, clientId };
}
