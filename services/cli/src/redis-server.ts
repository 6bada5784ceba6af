import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { pings, startLocalRedis } from '@newsflow/runtime/local-redis';

export interface ResolvedRedis {
  url: string;
  /** 'env' (REDIS_URL), 'shared' (the project's server, already running), 'started' (by us). */
  origin: 'env' | 'shared' | 'started';
  /** Let go of the server: the project's server shuts down when no other client is left. */
  release(): Promise<void>;
}

interface ServerRecord {
  pid: number;
  port: number;
  url: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * REDIS_URL when given; otherwise the project's private redis-server (data under
 * `.newsflow/redis`, append-only, so that a second replay sees the first one's events). One
 * server per data folder, shared by every newsflow process of the checkout (a `start` and a
 * `replay` side by side): it outlives the process that started it, and the last process to let
 * go shuts it down.
 */
export async function resolveRedis(env: NodeJS.ProcessEnv, projectDir: string): Promise<ResolvedRedis> {
  if (env['REDIS_URL']) return { url: env['REDIS_URL'], origin: 'env', release: async () => {} };
  const dataDir = join(projectDir, '.newsflow', 'redis');
  mkdirSync(dataDir, { recursive: true });
  const recordFile = join(dataDir, 'server.json');
  if (existsSync(recordFile)) {
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as ServerRecord;
    if (alive(record.pid) && (await pings(record.port))) {
      return { url: record.url, origin: 'shared', release: () => releaseShared(record.url, recordFile) };
    }
  }
  const server = await startLocalRedis({ dataDir, appendOnly: true, detached: true });
  const record: ServerRecord = { pid: server.pid, port: server.port, url: server.url };
  writeFileSync(recordFile, JSON.stringify(record));
  return { url: server.url, origin: 'started', release: () => releaseShared(server.url, recordFile) };
}

/** Shut the server down (flushing its append-only file) when no client but us is connected. */
async function releaseShared(url: string, recordFile: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    const clients = String(await client.call('CLIENT', 'LIST')).trim().split('\n').filter(Boolean);
    if (clients.length > 1) return;
    rmSync(recordFile, { force: true });
    await client.call('SHUTDOWN').catch(() => undefined);
  } catch {
    // Already gone: nothing to release.
  } finally {
    client.disconnect();
  }
}
