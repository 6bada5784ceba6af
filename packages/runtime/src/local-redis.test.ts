import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startLocalRedis } from './local-redis.ts';

describe('startLocalRedis', () => {
  it('starts a private server with the noeviction policy BullMQ needs, and stops it', async () => {
    const server = await startLocalRedis();
    const client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    client.disconnect();
    await server.stop();
    const again = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const errors: Error[] = [];
    again.on('error', (error: Error) => errors.push(error));
    await expect(again.connect()).rejects.toThrow();
    expect(errors[0]?.message).toMatch(/ECONNREFUSED/);
    again.disconnect();
  });
});
