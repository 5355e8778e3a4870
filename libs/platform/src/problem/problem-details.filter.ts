/**
 * The product's last line of error handling over HTTP: every exception, expected or
 * not, leaves as `application/problem+json` (RFC 9457). Register it once per service,
 * e.g. `{ provide: APP_FILTER, useClass: ProblemDetailsFilter }`.
 *
 * The answer is written through the HTTP adapter's low-level calls because its
 * `reply()` would reset the content type of an error body to `application/json`.
 */
import { Catch, Injectable, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { problemForException, type ProblemRequest } from './problem-for-exception';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

@Catch()
@Injectable()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    // Kafka and other transports report their failures their own way (dead letters).
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<ProblemRequest & { method?: string }>();
    const response = http.getResponse<unknown>();
    const { problem, unexpected } = problemForException(exception, request);
    if (unexpected) this.logUnexpected(exception, problem.requestId, request);

    const adapter = this.adapterHost.httpAdapter;
    if (adapter.isHeadersSent(response)) {
      // Part of a streamed answer is already out: the status can no longer change.
      adapter.end(response);
      return;
    }
    adapter.status(response, problem.status);
    adapter.setHeader(response, 'Content-Type', PROBLEM_CONTENT_TYPE);
    if (typeof problem.retryAfterSeconds === 'number') adapter.setHeader(response, 'Retry-After', String(problem.retryAfterSeconds));
    adapter.end(response, JSON.stringify(problem));
  }

  private logUnexpected(exception: unknown, requestId: unknown, request: { method?: string; url?: string }): void {
    // An object first and a sentence second is the structured form nestjs-pino logs as one line with `err`.
    const err = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ requestId, method: request.method, url: request.url, err }, 'Unexpected error while handling a request');
  }
}
