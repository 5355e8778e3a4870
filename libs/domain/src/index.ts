/**
 * The partnership domain: the command catalogue and the decider that turns commands
 * into events under the agreement's rules. Pure TypeScript over `@ledger/contracts`:
 * no framework, no I/O, time passed in. Test helpers live in `./testing`, apart.
 */
export * from './commands';
export { DomainError, type DomainErrorKind } from './partnership/errors';
export * from './partnership/state';
export { evolvePartnership, replayPartnership } from './partnership/evolve';
export { decidePartnership, type DecisionContext } from './partnership/decide';
export { partnershipDecider } from './partnership/decider';
export { describePeriodFormat, isValidPeriod, parsePeriod, periodOf, type PeriodRange } from './period';
