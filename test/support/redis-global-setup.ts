import type { TestProject } from 'vitest/node';
import { startLocalRedis, type LocalRedis } from '@newsflow/runtime/local-redis';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let redis: LocalRedis | undefined;

/** One real redis-server for the whole run; tests isolate themselves with their own key prefix. */
export async function setup(project: TestProject): Promise<void> {
  redis = await startLocalRedis();
  project.provide('redisUrl', redis.url);
}

export async function teardown(): Promise<void> {
  await redis?.stop();
}
