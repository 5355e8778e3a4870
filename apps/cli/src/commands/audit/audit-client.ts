/**
 * The audit service's HTTP API as `ledgerctl audit` uses it, over Node's `fetch`, as the
 * service account whose key the global `--api-key` (or LEDGER_API_KEY) gives: reading
 * needs an auditor's. Every failure becomes a `CliError` naming the service's URL and,
 * for a problem answer, its code, detail and field.
 */
import type { Command } from 'commander';
import { CliError } from '../../cli-error';
import { describeFailure } from '../../ledger-client/ledger-client';
import { apiKeyOf } from '../global-options';
import { auditUrlOf } from './audit-options';

const REQUEST_TIMEOUT_MS = 60_000;

export class AuditClient {
  constructor(
    readonly baseUrl: string,
    /** Sent as `Authorization: Bearer <key>`; without it the service answers 401. */
    private readonly apiKey?: string,
  ) {}

  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
    return this.request<T>(`${path}${search.size > 0 ? `?${search}` : ''}`);
  }

  private async request<T>(path: string): Promise<T> {
    const url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.apiKey !== undefined) headers.authorization = `Bearer ${this.apiKey}`;
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (error) {
      const cause = error instanceof Error ? (error.cause as { code?: string } | undefined)?.code ?? error.message : String(error);
      throw new CliError(`Cannot reach the audit service at ${this.baseUrl} (${cause}); is it running? Set its address with --audit-url or AUDIT_URL.`);
    }
    const answer = await response.json().catch(() => undefined);
    if (!response.ok) throw new CliError(`The audit service at ${this.baseUrl} answered GET ${path} with ${describeFailure(response, answer)}`);
    return answer as T;
  }
}

/** The client a command's options name: its `--audit-url`, and the key of the global `--api-key` / LEDGER_API_KEY. */
export function auditClientOf(command: Command): AuditClient {
  const { auditUrl } = command.optsWithGlobals<{ auditUrl: string }>();
  return new AuditClient(auditUrlOf({ auditUrl }), apiKeyOf(command));
}
