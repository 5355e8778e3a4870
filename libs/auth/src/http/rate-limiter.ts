/**
 * Requests per account, as token buckets held in this process: each account may make
 * `burst` requests at once and `perSecond` on average. A limit per process (not shared
 * between instances) keeps the check free of I/O; with N instances behind a balancer an
 * account gets at most N times the rate, which is what the limit is sized for.
 */
import { LRUCache } from 'lru-cache';

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new LRUCache<string, Bucket>({ max: 100_000 });
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Takes one token from the account's bucket, or says how long until one is there. */
  take(accountId: string): RateDecision {
    const now = this.now();
    const { perSecond, burst } = this.options;
    const bucket = this.buckets.get(accountId) ?? { tokens: burst, updatedAt: now };
    const tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
    if (tokens < 1) {
      this.buckets.set(accountId, { tokens, updatedAt: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)) };
    }
    this.buckets.set(accountId, { tokens: tokens - 1, updatedAt: now });
    return { allowed: true };
  }
}
