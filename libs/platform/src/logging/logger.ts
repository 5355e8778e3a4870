/**
 * Structured logging for every service: one JSON object per line, carrying the
 * service name and, for HTTP requests, the request and correlation ids.
 * Secrets (authorization headers, API keys, passwords in URLs) are redacted here, once,
 * so no call site can leak them by accident.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import pino, { type Logger } from 'pino';
import type { Params } from 'nestjs-pino';

export type { Logger } from 'pino';

const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'token',
  '*.token',
];

function baseOptions(service: string, level: string): pino.LoggerOptions {
  return {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
  };
}

/** A logger for code outside an HTTP request (relays, consumers, scripts). */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino(baseOptions(service, level));
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** nestjs-pino parameters: request logs with a request id and the caller's correlation id. */
export function httpLoggingParams(service: string, level = process.env.LOG_LEVEL ?? 'info'): Params {
  return {
    pinoHttp: {
      ...baseOptions(service, level),
      genReqId: (request) => headerValue(request, 'x-request-id') ?? randomUUID(),
      customProps: (request) => ({ correlationId: headerValue(request, 'x-correlation-id') }),
      autoLogging: { ignore: (request) => (request.url ?? '').startsWith('/health') },
      serializers: {
        req: (request: { id: string; method: string; url: string }) => ({
          id: request.id,
          method: request.method,
          url: request.url,
        }),
      },
    },
  };
}
