/**
 * How long a service keeps an idle kept-alive connection open: longer than the clients
 * and load balancers in front of it keep theirs (commonly up to 60 s), so that it is
 * always the client that closes an idle connection. With node's default of 5 s the
 * service may close a connection at the very moment a client reuses it from its pool,
 * and that client's request fails with ECONNRESET without ever reaching the service -
 * under a bursty load, a steady trickle of failed submissions.
 */
import type { Server } from 'node:http';

export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function keepIdleConnectionsOpen(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // A reused connection's next request must get its headers in within the same bound.
  server.headersTimeout = Math.max(server.headersTimeout, KEEP_ALIVE_TIMEOUT_MS + 1_000);
}
