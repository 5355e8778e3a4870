import { HttpStatus, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { problem, ProblemException, problemType } from './problem-details';
import { codeOfStatus, problemForException } from './problem-for-exception';

describe('problem', () => {
  it('builds an RFC 9457 problem whose type is the code as a URI and whose title is the reason phrase', () => {
    expect(problem(422, 'metric.retired', 'Metric "mql-volume" is retired.')).toEqual({
      type: 'https://alignment-ledger.dev/problems/metric.retired',
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'Metric "mql-volume" is retired.',
      code: 'metric.retired',
    });
  });

  it('keeps extension members and leaves out those that are undefined', () => {
    const built = problem(409, 'stream.wrong-expected-version', 'Stale.', { expectedVersion: 3, actualVersion: 5, errors: undefined });
    expect(built).toMatchObject({ expectedVersion: 3, actualVersion: 5 });
    expect(Object.keys(built)).not.toContain('errors');
  });

  it('lets a title be given', () => {
    expect(problem(400, 'request.invalid', 'Bad.', { title: 'Invalid request' }).title).toBe('Invalid request');
  });
});

describe('ProblemException', () => {
  it('is an HTTP exception with the problem status, its body and its detail as message', () => {
    const details = problem(404, 'partnership.not-found', 'No partnership "p-1".');
    const exception = new ProblemException(details);
    expect(exception.getStatus()).toBe(404);
    expect(exception.getResponse()).toBe(details);
    expect(exception.problem).toBe(details);
    expect(exception.message).toBe('No partnership "p-1".');
  });
});

describe('problemForException', () => {
  const request = { url: '/partnerships/p-1?token=secret', headers: {} };

  it('derives a stable code from a plain status', () => {
    expect(codeOfStatus(404)).toBe('not-found');
    expect(codeOfStatus(415)).toBe('unsupported-media-type');
    expect(codeOfStatus(418)).toBe('i-m-a-teapot');
  });

  it('never puts the query string into instance', () => {
    expect(problemForException(new NotFoundException('Gone.'), request).problem.instance).toBe('/partnerships/p-1');
  });

  it('takes the request id that pino-http assigned before the header', () => {
    const withId = { ...request, id: 'pino-7', headers: { 'x-request-id': 'header-7' } };
    expect(problemForException(new NotFoundException(), withId).problem.requestId).toBe('pino-7');
  });

  it('treats a thrown non-error value as unexpected, revealing nothing of it', () => {
    const outcome = problemForException('secret string', request);
    expect(outcome.unexpected).toBe(true);
    expect(outcome.problem).toMatchObject({ status: 500, code: 'internal', type: problemType('internal') });
    expect(JSON.stringify(outcome.problem)).not.toContain('secret string');
  });

  it('marks a deliberate 5xx HTTP exception as unexpected, for the log', () => {
    const outcome = problemForException(new ServiceUnavailableException('Kafka is down.'), request);
    expect(outcome).toMatchObject({ unexpected: true, problem: { status: 503, code: 'service-unavailable' } });
  });

  it('passes on what body-parser says about other refused bodies', () => {
    const unsupported = Object.assign(new Error('unsupported charset "LATIN-9"'), {
      type: 'charset.unsupported',
      status: 415,
      expose: true,
    });
    expect(problemForException(unsupported, request)).toMatchObject({
      unexpected: false,
      problem: { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, code: 'unsupported-media-type', detail: 'unsupported charset "LATIN-9"' },
    });
  });

  it('hides what body-parser does not mean to expose', () => {
    const internal = Object.assign(new Error('stream encoding should not be set'), { type: 'stream.encoding.set', status: 500, expose: false });
    expect(problemForException(internal, request)).toMatchObject({ unexpected: true, problem: { status: 500, code: 'internal' } });
  });
});
