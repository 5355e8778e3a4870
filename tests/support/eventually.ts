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
