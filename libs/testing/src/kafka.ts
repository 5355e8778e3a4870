/**
 * Kafka helpers for integration tests against the real broker of the test stack
 * (KAFKA_BROKERS, which `npm test` points at its throw-away broker; by default the
 * development broker on 127.0.0.1:19092). Every test file makes its own uniquely named
 * topics and consumer groups, so files can run in parallel and leave nothing shared.
 *
 * Test clients connect as the principal of KAFKA_SASL_* (`npm test` exports the admin
 * of its broker, which runs SASL/SCRAM with ACLs); without those variables, anonymously.
 * `npm test` also exports each service principal's password as KAFKA_<NAME>_PASSWORD
 * (e.g. KAFKA_OUTBOX_RELAY_PASSWORD), so a test can act as that principal.
 */
import { randomBytes } from 'node:crypto';
import type { AclEntry, Kafka } from 'kafkajs';
import {
  createKafka,
  decodeHeaders,
  ensureTopics,
  grantAcls,
  kafkaConfigFromEnv,
  kafkaSaslFromEnv,
  revokeAcls,
  type KafkaSasl,
} from '@ledger/messaging';

const TEST_BROKERS_DEFAULT = '127.0.0.1:19092';

export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

export interface ReadMessagesOptions {
  count: number;
  timeoutMs?: number;
  fromBeginning?: boolean;
}

export function testKafkaBrokers(): string[] {
  return kafkaConfigFromEnv({ KAFKA_BROKERS: process.env.KAFKA_BROKERS || TEST_BROKERS_DEFAULT }).brokers;
}

/**
 * A client for the test broker; quiet, so tests print only what they assert. Connects
 * as the principal of KAFKA_SASL_* unless given other credentials (null: none at all).
 */
export function createTestKafka(clientId = uniqueName('test-client'), sasl?: KafkaSasl | null): Kafka {
  return createKafka({ brokers: testKafkaBrokers(), clientId, sasl });
}

/** True when the test broker authenticates clients (`npm test`); false for a broker without security. */
export function testKafkaAuthenticates(): boolean {
  return kafkaSaslFromEnv() !== null;
}

/**
 * The credentials of a principal of the test broker, from KAFKA_<NAME>_PASSWORD; null
 * when the broker does not authenticate. Fails, naming the variable, when it does but
 * the password is not in the environment.
 */
export function testKafkaPrincipal(name: string): KafkaSasl | null {
  const admin = kafkaSaslFromEnv();
  if (admin === null) return null;
  const variable = `KAFKA_${name.toUpperCase().replace(/-/g, '_')}_PASSWORD`;
  const password = process.env[variable];
  if (!password) throw new Error(`${variable} is not set: run the tests with npm test, which exports the test broker's credentials.`);
  return { mechanism: admin.mechanism, username: name, password };
}

/** KAFKA_SASL_* for a service process that connects as `name` (nothing when the broker does not authenticate). */
export function testKafkaPrincipalEnvironment(name: string): Record<string, string> {
  const sasl = testKafkaPrincipal(name);
  if (sasl === null) return {};
  return { KAFKA_SASL_MECHANISM: sasl.mechanism, KAFKA_SASL_USERNAME: sasl.username, KAFKA_SASL_PASSWORD: sasl.password };
}

/** Adds ACLs on the test broker as its admin; nothing to do on a broker that does not authorise. */
export async function grantTestAcls(acls: AclEntry[]): Promise<void> {
  if (testKafkaAuthenticates()) await grantAcls(createTestKafka(), acls);
}

export async function revokeTestAcls(acls: AclEntry[]): Promise<void> {
  if (testKafkaAuthenticates()) await revokeAcls(createTestKafka(), acls);
}

/** `prefix-<time>-<random>`: valid as a topic, group or client id, and never reused. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export async function createTestTopics(names: string[], partitions = 3): Promise<void> {
  await ensureTopics(
    createTestKafka(),
    names.map((topic) => ({ topic, numPartitions: partitions })),
  );
}

export async function deleteTestTopics(names: string[]): Promise<void> {
  const admin = createTestKafka().admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: names });
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads `count` messages from `topic` with a fresh consumer group (from the beginning
 * unless told otherwise), in arrival order; fails saying how many arrived if they do
 * not all arrive within `timeoutMs`.
 */
export async function readMessages(
  topic: string,
  { count, timeoutMs = 15_000, fromBeginning = true }: ReadMessagesOptions,
): Promise<ReadMessage[]> {
  // A short idle fetch wait keeps the disconnect at the end quick.
  const consumer = createTestKafka().consumer({ groupId: uniqueName('test-reader'), maxWaitTimeInMs: 250 });
  const received: ReadMessage[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    const allArrived = new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Expected ${count} messages on ${topic} within ${timeoutMs} ms, but ${received.length} arrived.`)),
        timeoutMs,
      );
      void consumer
        .connect()
        .then(() => consumer.subscribe({ topics: [topic], fromBeginning }))
        .then(() =>
          consumer.run({
            eachMessage: async ({ partition, message }) => {
              received.push({
                key: message.key?.toString('utf8') ?? null,
                value: message.value?.toString('utf8') ?? null,
                headers: decodeHeaders(message.headers),
                partition,
                offset: message.offset,
              });
              if (received.length >= count) resolve();
            },
          }),
        )
        .catch(reject);
    });
    await allArrived;
    return received.slice(0, count);
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}
