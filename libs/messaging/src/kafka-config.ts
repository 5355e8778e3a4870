/**
 * Where Kafka is and who we are to it, read from the environment once at start-up.
 * A malformed KAFKA_BROKERS stops the service with one sentence instead of a stream of
 * kafkajs connection retries later; so does a username without a password.
 *
 * Credentials: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (SCRAM-SHA-512 unless
 * KAFKA_SASL_MECHANISM says otherwise). The local broker runs SASL/SCRAM with ACLs, and
 * each service connects as its own principal (see deploy/local/kafka.sh).
 */
import { ArrayNotEmpty, IsIn, IsString, Matches, ValidateBy, ValidateIf } from 'class-validator';
import { loadConfig } from '@ledger/platform';

export const SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;

export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface KafkaSasl {
  mechanism: SaslMechanism;
  username: string;
  password: string;
}

export interface KafkaConfig {
  /** `host:port` of the bootstrap brokers. */
  brokers: string[];
  /** Names this process in broker logs and quotas. */
  clientId: string;
  /**
   * Who this client is to the broker. Left out: the credentials in the environment
   * (KAFKA_SASL_*), so that no client of the product connects anonymously by accident;
   * null: explicitly none (a broker without authentication).
   */
  sasl?: KafkaSasl | null;
}

export const KAFKA_ENVIRONMENT = {
  brokers: 'KAFKA_BROKERS',
  clientId: 'KAFKA_CLIENT_ID',
  saslMechanism: 'KAFKA_SASL_MECHANISM',
  saslUsername: 'KAFKA_SASL_USERNAME',
  saslPassword: 'KAFKA_SASL_PASSWORD',
} as const;

const HOST_AND_PORT = /^(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+):(\d+)$/;

function isBrokerAddress(value: unknown): boolean {
  const match = typeof value === 'string' ? HOST_AND_PORT.exec(value) : null;
  const port = Number(match?.[2]);
  return match !== null && port >= 1 && port <= 65_535;
}

class KafkaEnvironment {
  @ArrayNotEmpty({ message: 'name at least one broker, e.g. 127.0.0.1:9092' })
  @ValidateBy(
    { name: 'isBrokerAddress', validator: { validate: isBrokerAddress } },
    { each: true, message: 'each broker must be written host:port, e.g. 127.0.0.1:9092' },
  )
  brokers = ['127.0.0.1:9092'];

  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'a client id is letters, digits, dots, underscores and dashes' })
  clientId = 'alignment-ledger';

  @IsIn([...SASL_MECHANISMS], { message: `the mechanism is one of ${SASL_MECHANISMS.join(', ')}` })
  saslMechanism = 'scram-sha-512';

  @Matches(/^[^\s,=]*$/, { message: 'a user name has no spaces, commas or equals signs' })
  saslUsername = '';

  // Only presence is checked: a rule on the value would print the password in its error.
  @ValidateIf((environment: KafkaEnvironment) => environment.saslUsername !== '')
  @IsString()
  @Matches(/.+/, { message: 'KAFKA_SASL_USERNAME is set, so KAFKA_SASL_PASSWORD must be set too' })
  saslPassword = '';
}

function loadKafkaEnvironment(env: NodeJS.ProcessEnv): KafkaEnvironment {
  const normalised = { ...env, KAFKA_SASL_MECHANISM: env.KAFKA_SASL_MECHANISM?.toLowerCase() };
  return loadConfig(KafkaEnvironment, KAFKA_ENVIRONMENT, normalised);
}

/** The credentials of KAFKA_SASL_*: null when no user name is set (a broker without authentication). */
export function kafkaSaslFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaSasl | null {
  const { saslMechanism, saslUsername, saslPassword } = loadKafkaEnvironment(env);
  if (saslUsername === '') return null;
  return { mechanism: saslMechanism as SaslMechanism, username: saslUsername, password: saslPassword };
}

/** KAFKA_BROKERS (comma separated, default 127.0.0.1:9092), KAFKA_CLIENT_ID and KAFKA_SASL_*. */
export function kafkaConfigFromEnv(env: NodeJS.ProcessEnv = process.env): KafkaConfig {
  const { brokers, clientId } = loadKafkaEnvironment(env);
  return { brokers, clientId, sasl: kafkaSaslFromEnv(env) };
}
