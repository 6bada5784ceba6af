import { describe, expect, it } from 'vitest';
import { RetryableError } from '@newsflow/contracts/errors';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles with each attempt, between half and all of the exponential delay', () => {
    expect(backoffDelay(1, 1000, undefined, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, undefined, () => 1)).toBe(1000);
    expect(backoffDelay(3, 1000, undefined, () => 1)).toBe(4000);
  });

  it('honours a Retry-After the server gave', () => {
    const error = new RetryableError('fetch.http_status', '429', { retryAfterMs: 30_000 });
    expect(backoffDelay(1, 1000, error)).toBe(30_000);
  });

  it('never waits more than ten minutes', () => {
    expect(backoffDelay(40, 1000, undefined, () => 1)).toBe(600_000);
  });
});
