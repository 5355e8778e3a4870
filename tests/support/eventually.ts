/**
 * Waiting for an asynchronous effect without guessing how long it takes: ask again and
 * again until the answer is there, and fail with a description of what never happened
 * once the deadline passes. The deadline bounds the wait; it is not what the test asserts.
 */
const POLL_INTERVAL_MS = 250;

/** Resolves with the first answer of `probe` that is neither undefined, null nor false. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  description: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await probe();
    if (answer !== undefined && answer !== null && answer !== false) return answer;
    if (Date.now() >= deadline) throw new Error(`Waited ${timeoutMs} ms for ${description}, in vain.`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/**
 * Waits for a count to reach `target` for as long as it keeps growing: a slow drain (a
 * backlog the stack works through) is waited for, a stalled one fails once the count has
 * not moved for `stallMs`. For proofs that nothing is lost, where slow is not lost; a
 * benchmark that times the drain asks more often (`pollMs`).
 */
export async function whileProgressing(
  count: () => Promise<number>,
  target: number,
  description: string,
  stallMs = 60_000,
  pollMs = POLL_INTERVAL_MS,
): Promise<void> {
  let best = -1;
  let movedAt = Date.now();
  for (;;) {
    const now = await count();
    if (now >= target) return;
    if (now > best) {
      best = now;
      movedAt = Date.now();
    } else if (Date.now() - movedAt >= stallMs) {
      throw new Error(`Waited for ${description}: stuck at ${now} of ${target} for ${stallMs} ms.`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
