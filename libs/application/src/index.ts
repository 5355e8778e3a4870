export * from './group-commit';
export * from './keyed-serializer';
export * from './partnership-repository';
export * from './request-hash';
export * from './submission-executor';
export * from './submission-request';
export * from './write-access';
