import { BiQueryError } from '@ledger/bi';
import { ProblemException } from '@ledger/platform';
import { asProblem } from './query-problems';

describe('failures of a BI query as HTTP problems', () => {
  it('keeps the code, sentence and parameter of a query error, at its status', () => {
    const problem = asProblem(new BiQueryError('query.unknown-column', 'There is no column "colour".', 'filter[colour]'));
    expect(problem).toBeInstanceOf(ProblemException);
    expect((problem as ProblemException).problem).toMatchObject({
      status: 400,
      code: 'query.unknown-column',
      detail: 'There is no column "colour".',
      errors: [{ field: 'filter[colour]', rule: 'query.unknown-column', message: 'There is no column "colour".' }],
    });
  });

  it('says a statement cancelled by the statement timeout ran too long (503), rather than passing for a server fault', () => {
    const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    expect((asProblem(cancelled) as ProblemException).problem).toMatchObject({ status: 503, code: 'query.timed-out' });
  });

  it('leaves any other failure as it is, for the last-resort handler to log', () => {
    const unexpected = new Error('connection lost');
    expect(asProblem(unexpected)).toBe(unexpected);
  });
});
