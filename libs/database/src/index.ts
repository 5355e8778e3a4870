/**
 * What every library that owns a PostgreSQL schema shares: applying its TypeORM
 * migrations at start-up under an advisory lock, so instances that start together take
 * turns. Depends on TypeORM only, so the event store, auth, audit, projections and BI
 * can all use it without depending on each other.
 */
export * from './migrations-under-lock';
export * from './connection-watch';
