export * from './problem-details';
export * from './problem-for-exception';
export * from './problem-details.filter';
export * from './flatten-validation-errors';
export * from './validation-pipe';
export * from './dependency-unavailable';
