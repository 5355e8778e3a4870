export * from './command-ingest-consumer';
export * from './dead-letter';
export * from './ingest-message';
export * from './retry-policy';
export * from './publisher-ingest-consumer';
