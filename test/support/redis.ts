import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';

/** The URL of the real redis-server started for this test run. */
export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A key/queue prefix no other test uses. */
export function uniquePrefix(label = 'test'): string {
  return `nf-${label}-${randomUUID().slice(0, 8)}`;
}

/** A connection to the test Redis; close it in afterEach/afterAll. */
export function testRedis(): Redis {
  return new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
}
