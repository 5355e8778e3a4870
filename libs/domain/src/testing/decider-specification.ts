/**
 * Given / when / then for deciders, after Emmett's `DeciderSpecification`: a test
 * states the history, the command and the expected events (or the refusal), and reads
 * as a line of the specification. Jest's `expect` does the comparing.
 */
import { DomainError } from '../partnership/errors';

export interface Decider<Command, Event, State, Context> {
  decide(command: Command, state: State, context: Context): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export const DeciderSpecification = {
  /** `context` is handed to every decision, e.g. `{ now }`. */
  for<Command, Event, State, Context>(decider: Decider<Command, Event, State, Context>, context: Context) {
    return (givenEvents: Event[]) => ({
      when(command: Command) {
        const decide = () => decider.decide(command, givenEvents.reduce(decider.evolve, decider.initialState()), context);
        return {
          then(expectedEvents: Event[]): void {
            expect(decide()).toStrictEqual(expectedEvents);
          },
          /** Asserts the refusal's code and returns the error, for checks on its field or sentence. */
          thenThrows(code: string): DomainError {
            const error = refusalOf(decide);
            expect(error).toBeInstanceOf(DomainError);
            expect((error as DomainError).code).toBe(code);
            return error as DomainError;
          },
        };
      },
    });
  },
};

function refusalOf(decide: () => unknown): unknown {
  try {
    decide();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the command to be refused, but it was accepted.');
}
