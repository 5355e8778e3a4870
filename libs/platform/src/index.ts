export * from './config';
export * from './health';
export * from './logging';
export * from './problem';
export * from './http';
export * from './runtime';
