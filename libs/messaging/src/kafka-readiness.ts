/**
 * Readiness of the Kafka cluster as a service sees it: the admin client reaches a
 * broker and the cluster answers metadata. The admin connection is kept between
 * checks and re-established after a failure.
 */
import type { Kafka } from 'kafkajs';

export function kafkaReadiness(kafka: Kafka): { name: string; check(): Promise<void> } {
  const admin = kafka.admin();
  let connected: Promise<void> | null = null;
  return {
    name: 'kafka',
    check: async () => {
      connected ??= admin.connect().catch((error: unknown) => {
        connected = null;
        throw error;
      });
      await connected;
      await admin.describeCluster();
    },
  };
}
