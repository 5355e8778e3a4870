import { RateLimiter } from './rate-limiter';

function limiterAt(start = 0, options = { perSecond: 2, burst: 3 }) {
  let now = start;
  const limiter = new RateLimiter({ ...options, now: () => now });
  return { limiter, advance: (ms: number) => (now += ms) };
}

describe('the rate limit per account', () => {
  it('allows a burst, then refuses and says how many seconds until the next request is allowed', () => {
    const { limiter } = limiterAt();
    expect([1, 2, 3].map(() => limiter.take('crm').allowed)).toEqual([true, true, true]);
    expect(limiter.take('crm')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('refills at the sustained rate, never above the burst', () => {
    const { limiter, advance } = limiterAt();
    for (let i = 0; i < 3; i += 1) limiter.take('crm');
    advance(500);
    expect(limiter.take('crm').allowed).toBe(true);
    expect(limiter.take('crm').allowed).toBe(false);
    advance(60_000);
    expect([1, 2, 3, 4].map(() => limiter.take('crm').allowed)).toEqual([true, true, true, false]);
  });

  it('counts each account on its own', () => {
    const { limiter } = limiterAt(0, { perSecond: 1, burst: 1 });
    expect(limiter.take('crm').allowed).toBe(true);
    expect(limiter.take('crm').allowed).toBe(false);
    expect(limiter.take('finance').allowed).toBe(true);
  });

  it('asks a slow-rate account to wait as long as its next token takes', () => {
    const { limiter } = limiterAt(0, { perSecond: 0.1, burst: 1 });
    limiter.take('batch');
    expect(limiter.take('batch')).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });
});
