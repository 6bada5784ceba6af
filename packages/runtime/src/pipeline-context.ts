import type { Redis } from 'ioredis';
import { ArticleStore } from '@newsflow/store/article-store';
import { createRedis, connected } from './redis.ts';
import { createQueues, closeQueues, type StageQueues } from './queues.ts';
import type { Logger } from './logger.ts';

/** What every stage worker shares in a process: connections, queues, the article store. */
export interface PipelineContext {
  redisUrl: string;
  prefix: string;
  logger: Logger;
  /** For stores and producers (non-blocking commands). */
  redis: Redis;
  queues: StageQueues;
  store: ArticleStore;
  close(): Promise<void>;
}

export async function createPipelineContext(options: { redisUrl: string; prefix: string; logger: Logger }): Promise<PipelineContext> {
  const redis = await connected(createRedis(options.redisUrl, 'store'));
  const queueConnection = createRedis(options.redisUrl, 'worker');
  const queues = createQueues(queueConnection, options.prefix);
  const store = new ArticleStore({ redis, prefix: options.prefix });
  return {
    ...options,
    redis,
    queues,
    store,
    async close() {
      await closeQueues(queues);
      queueConnection.disconnect();
      redis.disconnect();
    },
  };
}
