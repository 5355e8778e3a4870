import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { keepIdleConnectionsOpen, KEEP_ALIVE_TIMEOUT_MS } from './keep-alive';

/** Past node's own default (5 s) and the second of slack its server gives it before closing. */
const PAST_NODE_DEFAULT_MS = 7_000;

function answeringServer(): Promise<Server> {
  const server = createServer((_, response) => response.end('ok'));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function get(server: Server, agent: Agent): Promise<{ body: string; socket: Socket }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const call = request({ host: '127.0.0.1', port, path: '/', agent }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ body, socket: call.socket as Socket }));
    });
    call.on('error', reject);
    call.end();
  });
}

describe('keepIdleConnectionsOpen', () => {
  it('keeps idle connections open longer than the usual client and load balancer (60 s)', async () => {
    const server = await answeringServer();
    try {
      keepIdleConnectionsOpen(server);

      expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
      expect(server.keepAliveTimeout).toBeGreaterThan(60_000);
      expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
    } finally {
      server.close();
    }
  });

  it('answers a request on a connection left idle past node\'s default, over the same connection', async () => {
    const server = await answeringServer();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      keepIdleConnectionsOpen(server);
      const first = await get(server, agent);

      await new Promise((resolve) => setTimeout(resolve, PAST_NODE_DEFAULT_MS));
      const second = await get(server, agent);

      expect([first.body, second.body]).toEqual(['ok', 'ok']);
      expect(second.socket).toBe(first.socket);
    } finally {
      agent.destroy();
      server.closeAllConnections();
      server.close();
    }
  }, 15_000);
});
