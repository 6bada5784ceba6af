import { RetryableError } from '@newsflow/contracts/errors';

/**
 * Exponential backoff with jitter (half fixed, half random, so that many jobs failing together
 * do not come back together), unless the error carries a server's Retry-After.
 */
export function backoffDelay(attemptsMade: number, baseMs: number, error?: Error, random: () => number = Math.random): number {
  if (error instanceof RetryableError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  const exponential = baseMs * 2 ** Math.max(0, attemptsMade - 1);
  const capped = Math.min(exponential, 10 * 60_000);
  return Math.round(capped / 2 + (capped / 2) * random());
}
