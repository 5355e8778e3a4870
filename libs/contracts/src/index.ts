export * from './vocabulary';
export * from './events';
export * from './envelope';
export * from './submission';
export * from './topics';
export * from './upcasting';
