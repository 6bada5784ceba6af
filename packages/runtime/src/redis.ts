import { Redis, type RedisOptions } from 'ioredis';

/**
 * Connections as BullMQ's production guide wants them: workers (blocking commands) never give
 * up on a request; producers fail fast instead of queueing commands while Redis is away.
 */
export function createRedis(url: string, role: 'worker' | 'producer' | 'store'): Redis {
  const options: RedisOptions =
    role === 'producer'
      ? { maxRetriesPerRequest: 1, enableOfflineQueue: false }
      : { maxRetriesPerRequest: null };
  return new Redis(url, { ...options, connectionName: `newsflow-${role}` });
}

/** Wait until a fresh connection is ready (a producer with no offline queue must not be used before). */
export async function connected(redis: Redis): Promise<Redis> {
  if (redis.status === 'ready') return redis;
  await new Promise<void>((resolve, reject) => {
    const onReady = () => {
      redis.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      if (redis.status === 'end') {
        redis.off('ready', onReady);
        reject(error);
      }
    };
    redis.once('ready', onReady);
    redis.on('error', onError);
  });
  return redis;
}
