/**
 * A lean JSON-over-HTTP client for the benchmark's callers: node's own http module with
 * kept-alive sockets, one per concurrent caller, so the client spends as little of the
 * machine's CPU as it can (the ledger under test runs on the same cores).
 */
import { Agent, request } from 'node:http';

export interface JsonResponse {
  status: number;
  body: unknown;
}

export class BenchHttpClient {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(
    baseUrl: string,
    private readonly apiKey: string,
    sockets: number,
  ) {
    this.url = new URL(baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  post(path: string, payload: unknown): Promise<JsonResponse> {
    const body = Buffer.from(JSON.stringify(payload));
    return new Promise((resolve, reject) => {
      const call = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method: 'POST',
          path,
          headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json', 'content-length': body.length },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: response.statusCode ?? 0, body: text === '' ? null : JSON.parse(text) });
            } catch (error) {
              reject(error);
            }
          });
          response.on('error', reject);
        },
      );
      call.on('error', reject);
      call.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
