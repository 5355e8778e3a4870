/**
 * The little logging messaging needs, as a structural type: a pino logger (what the
 * services use, see @ledger/platform) fits it as is, and a test can pass a spy.
 */
export interface MessagingLogger {
  debug(details: object, message: string): void;
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

const ignore = (): void => undefined;

/** For callers that pass no logger: messaging then stays quiet rather than print. */
export const silentLogger: MessagingLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
