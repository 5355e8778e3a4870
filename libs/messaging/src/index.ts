/** Kafka for the ledger: configuration, the client, event publishing and command ingestion. */
export * from './kafka-config';
export * from './kafka-client';
export * from './reliable-producer';
export * from './logger';
export * from './event-publisher';
export * from './size-bounded-chunks';
export * from './command-ingest';
export * from './kafka-readiness';
export * from './access/kafka-acls';
