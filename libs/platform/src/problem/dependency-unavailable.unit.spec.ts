import { isDependencyUnavailable } from './dependency-unavailable';
import { problemForException } from './problem-for-exception';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDependencyUnavailable', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a dropped connection', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['a server shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ['a statement that ran out of time (57014)', withCode('canceling statement due to statement timeout', '57014')],
    ['a failure whose cause is one of these', new Error('The commit was not confirmed', { cause: withCode('read ECONNRESET', 'ECONNRESET') })],
  ])('recognises %s', (_case, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a constraint violation (23505)', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error (42601)', withCode('syntax error at or near "SELEC"', '42601')],
    ['something not an error', 'ECONNREFUSED'],
  ])('does not mistake %s for it', (_case, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});

describe('problemForException for an unavailable dependency', () => {
  it('answers 503 with a retry hint, and is no server bug to log as one', () => {
    const outcome = problemForException(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), { url: '/commands', headers: {} });

    expect(outcome.unexpected).toBe(false);
    expect(outcome.problem).toMatchObject({ status: 503, code: 'dependency.unavailable', retryAfterSeconds: 1, instance: '/commands' });
    expect(outcome.problem.detail).not.toContain('5432');
  });
});
