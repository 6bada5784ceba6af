import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalRedis } from '@newsflow/runtime/local-redis';

export interface ResolvedRedis {
  url: string;
  /** 'env' (REDIS_URL), 'shared' (a private server another newsflow process started), 'started'. */
  origin: 'env' | 'shared' | 'started';
  release(): Promise<void>;
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
 * `.newsflow/redis`, append-only so that a second replay sees the first one's events). One
 * server per data folder: a second newsflow process connects to the one already running.
 */
export async function resolveRedis(env: NodeJS.ProcessEnv, projectDir: string): Promise<ResolvedRedis> {
  if (env['REDIS_URL']) return { url: env['REDIS_URL'], origin: 'env', release: async () => {} };
  const dataDir = join(projectDir, '.newsflow', 'redis');
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'server.json');
  if (existsSync(lockFile)) {
    const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; url: string; owner: number };
    if (alive(lock.pid) && alive(lock.owner)) return { url: lock.url, origin: 'shared', release: async () => {} };
  }
  const server = await startLocalRedis({ dataDir, appendOnly: true });
  writeFileSync(lockFile, JSON.stringify({ pid: server.pid, url: server.url, owner: process.pid }));
  return {
    url: server.url,
    origin: 'started',
    async release() {
      rmSync(lockFile, { force: true });
      await server.stop();
    },
  };
}
