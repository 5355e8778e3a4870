/** Helpers for integration tests against the real Postgres and Kafka of the test stack. */
export * from './postgres';
export * from './kafka';
