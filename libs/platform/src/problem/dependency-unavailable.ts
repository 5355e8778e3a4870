/**
 * Tells a failure of a dependency (the database or the broker unreachable, a connection
 * dropped, a server shutting down) from a bug: the first is worth a retry, and a caller
 * is told so with 503 and Retry-After instead of a bare 500. Recognised by the codes
 * Node's sockets, node-postgres and PostgreSQL itself give such failures.
 */

/** Node's socket errors when the other side is gone or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** node-postgres's messages for a connection that never came or went away. */
const POSTGRES_CLIENT_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection terminated unexpectedly',
  'Client was closed and is not queryable',
];

/**
 * SQLSTATE classes and codes of an unavailable server: 08 (connection exception),
 * 57P01-57P03 (shutting down, crash recovery, cannot connect now), 53300 (too many
 * connections), 57014 (statement timeout: a bounded wait ran out).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || ['57P01', '57P02', '57P03', '53300', '57014'].includes(code);
}

export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || (code.length === 5 && isUnavailableSqlState(code)))) return true;
  if (POSTGRES_CLIENT_MESSAGES.some((message) => error.message.includes(message))) return true;
  if (error.name.startsWith('KafkaJS') && /connect|broker|timeout|leader/i.test(error.message)) return true;
  return isDependencyUnavailable((error as { cause?: unknown }).cause, depth + 1);
}

/** Seconds a caller is asked to wait before retrying a request that met an unavailable dependency. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 1;
