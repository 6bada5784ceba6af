import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { pings } from '@newsflow/runtime/local-redis';
import { resolveRedis } from './redis-server.ts';

function portOf(url: string): number {
  return Number(new URL(url).port);
}

describe('the project redis-server', () => {
  it('is shared by two processes and shut down by the last one to let go, keeping its data', async () => {
    const project = mkdtempSync(join(tmpdir(), 'newsflow-project-'));
    const first = await resolveRedis({}, project);
    const second = await resolveRedis({}, project);
    expect(first.origin).toBe('started');
    expect(second.origin).toBe('shared');
    expect(second.url).toBe(first.url);

    const client = new Redis(second.url);
    await client.set('kept', 'yes');
    await first.release();
    expect(await pings(portOf(first.url))).toBe(true);

    await client.quit();
    await second.release();
    expect(await pings(portOf(first.url))).toBe(false);
    expect(existsSync(join(project, '.newsflow', 'redis', 'server.json'))).toBe(false);

    const third = await resolveRedis({}, project);
    const reader = new Redis(third.url);
    expect(await reader.get('kept')).toBe('yes');
    await reader.quit();
    await third.release();
  });

  it('uses REDIS_URL when it is set, and never stops that server', async () => {
    const resolved = await resolveRedis({ REDIS_URL: 'redis://127.0.0.1:6399' }, mkdtempSync(join(tmpdir(), 'newsflow-project-')));
    expect(resolved).toMatchObject({ origin: 'env', url: 'redis://127.0.0.1:6399' });
  });
});
