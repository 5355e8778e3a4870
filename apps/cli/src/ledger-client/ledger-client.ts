/**
 * The ledger's HTTP API as the command-line tool uses it, over Node's `fetch`, as the
 * service account whose API key it is given. Every failure becomes a `CliError` that
 * names the ledger's URL and, for a problem answer (RFC 9457), its code, detail and
 * field, so the tool can print one useful line.
 */
import type { IssuedApiKey, ServiceAccount, ServiceAccountWithKeys, ApiKeyRecord } from '@ledger/auth';
import type { CommandResult, CommandSubmission, EventEnvelope } from '@ledger/contracts';
import type { ProblemDetails } from '@ledger/platform';
import { CliError } from '../cli-error';

export type BatchItemOutcome = { status: number; result: CommandResult; replayed: boolean } | { status: number; problem: ProblemDetails };

export interface BatchOutcome {
  accepted: number;
  rejected: number;
  outcomes: BatchItemOutcome[];
}

/** The body of `POST /admin/service-accounts`. */
export interface ServiceAccountRequest {
  accountId: string;
  displayName?: string;
  roles: string[];
  partnershipScope?: string[];
  teamScope?: string[];
  keyExpiresAt?: string;
}

/** A batch of a thousand submissions takes seconds; a ledger that takes minutes is stuck. */
const REQUEST_TIMEOUT_MS = 120_000;

export class LedgerClient {
  /** Without a trailing slash, so paths append to it. */
  readonly baseUrl: string;

  constructor(
    baseUrl: string,
    /** The service account's key; the ledger records that account as the actor of what it submits. */
    private readonly apiKey?: string,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** `POST /commands/batch`: one outcome per submission, in order; submissions of one partnership are applied in that order. */
  submitBatch(submissions: CommandSubmission[]): Promise<BatchOutcome> {
    return this.request<BatchOutcome>('POST', '/commands/batch', { submissions });
  }

  /** The first event of a partnership's stream, or null when the ledger holds no such partnership. */
  async firstEvent(partnershipId: string): Promise<EventEnvelope | null> {
    const path = `/partnerships/${encodeURIComponent(partnershipId)}/events?limit=1`;
    const page = await this.request<{ events: EventEnvelope[] } | null>('GET', path, undefined, [404]);
    return page?.events[0] ?? null;
  }

  /** Whether the ledger holds the partnership (`GET /partnerships/:id`, which a publisher may read within its scope). */
  async partnershipExists(partnershipId: string): Promise<boolean> {
    const state = await this.request<object | null>('GET', `/partnerships/${encodeURIComponent(partnershipId)}`, undefined, [404]);
    return state !== null;
  }

  createServiceAccount(request: ServiceAccountRequest): Promise<{ account: ServiceAccount; key: IssuedApiKey }> {
    return this.request('POST', '/admin/service-accounts', request);
  }

  async listServiceAccounts(): Promise<ServiceAccountWithKeys[]> {
    return (await this.request<{ accounts: ServiceAccountWithKeys[] }>('GET', '/admin/service-accounts')).accounts;
  }

  issueApiKey(accountId: string, expiresAt?: string): Promise<IssuedApiKey> {
    return this.request('POST', `${accountPath(accountId)}/keys`, expiresAt === undefined ? {} : { expiresAt });
  }

  revokeApiKey(accountId: string, keyId: string): Promise<ApiKeyRecord> {
    return this.request('DELETE', `${accountPath(accountId)}/keys/${encodeURIComponent(keyId)}`);
  }

  disableServiceAccount(accountId: string): Promise<ServiceAccount> {
    return this.request('POST', `${accountPath(accountId)}/disable`);
  }

  private async request<T>(method: string, path: string, body?: unknown, nullStatuses: number[] = []): Promise<T> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          'content-type': 'application/json',
          ...(this.apiKey === undefined ? {} : { authorization: `Bearer ${this.apiKey}` }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new CliError(`Cannot reach the ledger at ${this.baseUrl} (${reasonOf(error)}); is it running? Set its address with --ledger-url or LEDGER_URL.`);
    }
    if (nullStatuses.includes(response.status)) return null as T;
    const answer = await response.json().catch(() => undefined);
    if (!response.ok) throw new CliError(`The ledger at ${this.baseUrl} answered ${method} ${path} with ${describeFailure(response, answer)}`);
    return answer as T;
  }
}

/**
 * `422 metric.unknown: Metric "x" is not defined ... (field data.metricId)`: the parts of
 * a problem a person acts on, without a final full stop so it can end a sentence.
 */
export function describeProblem(problem: Pick<ProblemDetails, 'status' | 'code' | 'detail' | 'errors'>): string {
  const withoutStop = (text: string) => text.replace(/\.$/, '');
  const summary = `${problem.status} ${problem.code}: ${withoutStop(problem.detail)}`;
  const [first] = problem.errors ?? [];
  if (!first) return summary;
  const explanation = first.message === problem.detail ? '' : `: ${withoutStop(first.message)}`;
  return `${summary} (field ${first.field}${explanation})`;
}

/** What a failed answer says (its problem, or its status), with a hint when it asks for a key; shared by the clients of every service. */
export function describeFailure(response: Response, answer: unknown): string {
  const hint = response.status === 401 ? ' Give the API key of a service account with --api-key or LEDGER_API_KEY.' : '';
  if (isProblem(answer)) return `${describeProblem(answer)}.${hint}`;
  return `${`${response.status} ${response.statusText}`.trim()}.${hint}`;
}

function accountPath(accountId: string): string {
  return `/admin/service-accounts/${encodeURIComponent(accountId)}`;
}

function isProblem(answer: unknown): answer is ProblemDetails {
  return typeof answer === 'object' && answer !== null && 'code' in answer && 'detail' in answer;
}

/** fetch hides the network error (ECONNREFUSED, ENOTFOUND) in `cause`. */
function reasonOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
