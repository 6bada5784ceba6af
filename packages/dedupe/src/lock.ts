/**
 * A short all-or-nothing lock over a set of names (see dedupe.ts for why those names). One Lua
 * script sets every lock key or none, so two callers never hold half each and there is no
 * deadlock; a caller that finds any key held backs off (jittered, growing) and tries again.
 * Each key expires after `ttlMs`, so a crashed worker frees its locks; the writer re-checks its
 * token on every key inside the write script (fencing), so a writer whose lock expired mid-way
 * writes nothing and starts over.
 */
import { randomUUID } from 'node:crypto';
import type { Redis, Result } from 'ioredis';
import { RetryableError } from '@newsflow/contracts/errors';

const ACQUIRE = `
for i = 1, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end
end
for i = 1, #KEYS do
  redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2])
end
return 1
`;

const RELEASE = `
local n = 0
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) == ARGV[1] then
    redis.call('DEL', KEYS[i])
    n = n + 1
  end
end
return n
`;

export interface HeldLock {
  token: string;
  keys: string[];
  release(): Promise<void>;
}

export interface LockOptions {
  ttlMs: number;
  /** Give up (retryable error) after waiting this long. */
  waitMs: number;
}

declare module 'ioredis' {
  interface RedisCommander<Context> {
    nfDedupeLockAcquire(numKeys: number, ...args: (string | number)[]): Result<number, Context>;
    nfDedupeLockRelease(numKeys: number, ...args: (string | number)[]): Result<number, Context>;
  }
}

export function defineLockCommands(redis: Redis): void {
  if (typeof (redis as unknown as Record<string, unknown>)['nfDedupeLockAcquire'] === 'function') return;
  redis.defineCommand('nfDedupeLockAcquire', { lua: ACQUIRE });
  redis.defineCommand('nfDedupeLockRelease', { lua: RELEASE });
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function acquireLock(redis: Redis, keys: readonly string[], options: LockOptions): Promise<HeldLock> {
  const { lock } = await acquireLockWith(redis, keys, options, async (sorted, token) =>
    (await redis.nfDedupeLockAcquire(sorted.length, ...sorted, token, options.ttlMs)) === 1 ? true : undefined,
  );
  return lock;
}

/**
 * The same lock, taken by a caller's own script (`attempt` returns undefined when any key was
 * held): lets the caller read what it needs in the same round trip as it takes the lock.
 */
export async function acquireLockWith<T>(
  redis: Redis,
  keys: readonly string[],
  options: LockOptions,
  attempt: (sortedKeys: string[], token: string) => Promise<T | undefined>,
): Promise<{ lock: HeldLock; value: T }> {
  const sorted = [...new Set(keys)].sort();
  const token = randomUUID();
  const deadline = Date.now() + options.waitMs;
  let backoff = 2;
  for (;;) {
    const value = await attempt(sorted, token);
    if (value !== undefined) {
      return {
        value,
        lock: {
          token,
          keys: sorted,
          release: async () => {
            await redis.nfDedupeLockRelease(sorted.length, ...sorted, token);
          },
        },
      };
    }
    if (Date.now() > deadline) {
      throw new RetryableError('internal', `dedupe lock not acquired within ${options.waitMs} ms`, {
        details: { keys: sorted.length },
      });
    }
    // Back off: this is contention on a shared candidate key, not an error.
    await pause(backoff * (0.5 + Math.random()));
    backoff = Math.min(backoff * 2, 50);
  }
}
