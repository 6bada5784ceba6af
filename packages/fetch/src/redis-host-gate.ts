import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { hostBusy, type HostGate, type HostGateRequest, type HostPermit } from './host-gate.ts';

/**
 * Slots are members of a sorted set scored by lease expiry (a crashed holder frees its slot when
 * the lease ends); the end of the gap is a key written on release. Redis's own clock (TIME) is used
 * so that processes on different machines agree.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local limit = tonumber(ARGV[3])
if redis.call('ZCARD', KEYS[1]) >= limit then
  local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return math.max(1, tonumber(first[2]) - now)
end
local nextAt = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > now then return nextAt - now end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 0
`;

const RELEASE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREM', KEYS[1], ARGV[1])
if ARGV[3] == '0' then return 1 end
local gap = tonumber(ARGV[2])
local nextAt = now + gap
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
if nextAt > current then redis.call('SET', KEYS[2], nextAt, 'PX', gap + 1000) end
return 1
`;

export interface RedisHostGateOptions {
  redis: Redis;
  /** Key prefix, e.g. `newsflow`. Keys: `<prefix>:host:<host>:slots` and `:next`. */
  prefix: string;
  /** Longest pause between two looks at a busy host. Default 250 ms. */
  pollMs?: number;
}

export function createRedisHostGate(options: RedisHostGateOptions): HostGate {
  const { redis, prefix } = options;
  const pollMs = options.pollMs ?? 250;

  async function acquire(host: string, request: HostGateRequest): Promise<HostPermit> {
    const key = host.toLowerCase();
    const slots = `${prefix}:host:${key}:slots`;
    const next = `${prefix}:host:${key}:next`;
    const token = randomUUID();
    const started = Date.now();
    const limit = request.maxConcurrent ?? 1;
    // Bounded by maxWaitMs: every pass waits at least 1 ms.
    for (;;) {
      const wait = Number(await redis.eval(ACQUIRE, 2, slots, next, token, String(request.leaseMs), String(limit)));
      if (wait === 0) break;
      const waited = Date.now() - started;
      if (waited >= request.maxWaitMs) throw hostBusy(key, waited, Math.max(wait, request.minGapMs));
      const pause = Math.max(1, Math.min(wait, pollMs, request.maxWaitMs - waited));
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
    let released = false;
    return {
      release: async (used = true) => {
        if (released) return;
        released = true;
        await redis.eval(RELEASE, 2, slots, next, token, String(request.minGapMs), used ? '1' : '0');
      },
    };
  }

  return { acquire };
}
