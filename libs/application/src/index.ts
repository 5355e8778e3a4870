export * from './keyed-serializer';
export * from './partnership-repository';
export * from './submission-executor';
export * from './request-hash';
