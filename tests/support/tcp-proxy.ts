/**
 * A TCP proxy in front of a real server, for fault injection: services are pointed at
 * the proxy, and `cut()` makes the server vanish as a restart would (every open
 * connection dropped, new ones refused) without touching the server itself, which other
 * test files share. `restore()` listens again on the same port.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export class TcpProxy {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  private listeningPort = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on a free port and forwards to the target. */
  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const proxy = new TcpProxy(target);
    await proxy.listen(0);
    return proxy;
  }

  get port(): number {
    return this.listeningPort;
  }

  get isUp(): boolean {
    return this.server !== null;
  }

  /** Drops every connection and stops accepting new ones: to a client, the server is down. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restore(): Promise<void> {
    if (!this.server) await this.listen(this.listeningPort);
  }

  async stop(): Promise<void> {
    await this.cut();
  }

  private listen(port: number): Promise<void> {
    const server = createServer((client) => this.forward(client));
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.server = server;
        const address = server.address();
        if (typeof address === 'object' && address) this.listeningPort = address.port;
        resolve();
      });
    });
  }

  private forward(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.open.add(socket);
      socket.on('close', () => this.open.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
