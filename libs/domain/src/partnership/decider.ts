/** The partnership decider as one value, for code that runs any decider (and for specifications). */
import { decidePartnership } from './decide';
import { evolvePartnership } from './evolve';
import { initialPartnershipState } from './state';

export const partnershipDecider = {
  decide: decidePartnership,
  evolve: evolvePartnership,
  initialState: initialPartnershipState,
};
