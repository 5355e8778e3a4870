/** Test helpers for deciders and partnership histories; never imported by production code. */
export * from './decider-specification';
export * from './partnership-history';
