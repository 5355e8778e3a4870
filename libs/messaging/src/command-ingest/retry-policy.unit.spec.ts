import { DEFAULT_RETRY_POLICY, INGEST_SESSION_TIMEOUT_MS, retryDelayMs } from './retry-policy';

describe('retryDelayMs', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1_000 };

  it('waits the initial delay after the first failure and doubles it after each further one', () => {
    expect([1, 2, 3, 4].map((failures) => retryDelayMs(failures, policy))).toEqual([100, 200, 400, 800]);
  });

  it('never waits longer than the maximum, however many attempts failed', () => {
    expect(retryDelayMs(5, policy)).toBe(1_000);
    expect(retryDelayMs(10_000, policy)).toBe(1_000);
  });

  it('keeps the default ceiling and a 5 s attempt inside the consumer session timeout', () => {
    expect(retryDelayMs(50)).toBe(DEFAULT_RETRY_POLICY.maxDelayMs);
    expect(DEFAULT_RETRY_POLICY.maxDelayMs + 5_000).toBeLessThan(INGEST_SESSION_TIMEOUT_MS);
  });
});
