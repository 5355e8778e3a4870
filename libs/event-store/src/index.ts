/** The PostgreSQL event store, its schema and the outbox relay that publishes it to Kafka. */
export type { AppendOutcome } from './append-group';
export type { AppendRequest, AppendResult, IdempotencyClaim, NewEvent, StoredAppendResult } from './append-request';
export * from './data-source';
export { EventStore, type ReadAllOptions, type ReadStreamOptions } from './event-store';
export * from './event-store.errors';
export { toEnvelope, type EventRow, type PublishableEvent } from './event-row';
export { EVENT_STORE_MIGRATIONS } from './migrations';
export { toOutboxMessage } from './outbox/outbox-message';
export * from './outbox/outbox-relay';
export * from './postgres-readiness';
