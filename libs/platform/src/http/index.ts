export * from './keep-alive';
