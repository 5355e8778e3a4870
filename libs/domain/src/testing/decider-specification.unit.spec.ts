import { DomainError } from '../partnership/errors';
import { DeciderSpecification } from './decider-specification';

/** A toy decider: a counter that refuses to go below zero. */
type CounterEvent = { type: 'Changed'; by: number };
const counter = {
  initialState: () => 0,
  evolve: (total: number, event: CounterEvent) => total + event.by,
  decide(by: number, total: number, context: { limit: number }): CounterEvent[] {
    if (total + by < 0) throw DomainError.rule('counter.negative', 'The counter cannot go below zero.', 'by');
    if (total + by > context.limit) throw DomainError.conflict('counter.over-limit', 'The counter is full.');
    return [{ type: 'Changed', by }];
  },
};
const given = DeciderSpecification.for(counter, { limit: 10 });

describe('a decider specification', () => {
  it('passes when the decider emits exactly the expected events from the given history', () => {
    given([{ type: 'Changed', by: 2 }]).when(-2).then([{ type: 'Changed', by: -2 }]);
  });

  it('fails when the events differ', () => {
    expect(() => given([]).when(1).then([{ type: 'Changed', by: 2 }])).toThrow();
  });

  it('hands the context to the decider', () => {
    given([{ type: 'Changed', by: 9 }]).when(2).thenThrows('counter.over-limit');
  });

  it('returns the refusal so its field and sentence can be checked', () => {
    const error = given([]).when(-1).thenThrows('counter.negative');
    expect(error).toMatchObject({ field: 'by', message: 'The counter cannot go below zero.' });
  });

  it('fails when the command is refused with another code', () => {
    expect(() => given([]).when(-1).thenThrows('counter.over-limit')).toThrow();
  });

  it('fails when the command is accepted', () => {
    expect(() => given([]).when(1).thenThrows('counter.negative')).toThrow('Expected the command to be refused, but it was accepted.');
  });
});
