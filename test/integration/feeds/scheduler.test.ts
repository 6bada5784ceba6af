import type { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedRegistry } from '@newsflow/fetch/feeds';
import { createLogger } from '@newsflow/runtime/logger';
import { createPipelineContext, type PipelineContext } from '@newsflow/runtime/pipeline-context';
import { schedulerIdFor, syncFeedSchedules } from '@newsflow/service-fetch/scheduler';
import { testRedisUrl, uniquePrefix } from '@newsflow/test/support/redis';

describe('feed schedules', () => {
  let context: PipelineContext;
  beforeAll(async () => {
    context = await createPipelineContext({ redisUrl: testRedisUrl(), prefix: uniquePrefix('feeds'), logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => context.close());

  it('gives each registered feed a job scheduler at its interval, and drops it when the feed is removed', async () => {
    const registry = createFeedRegistry({ redis: context.redis, prefix: context.prefix });
    const queue = context.queues.fetch as unknown as Queue;
    const { feed: a } = await registry.add('http://127.0.0.1:9/a.xml', { intervalMs: 60_000 });
    const { feed: b } = await registry.add('http://127.0.0.1:9/b.xml', { intervalMs: 120_000 });

    expect(await syncFeedSchedules(registry, queue)).toEqual({ upserted: 2, removed: 0 });
    const schedulers = await queue.getJobSchedulers(0, -1);
    expect(Object.fromEntries(schedulers.map((s) => [s.key, s.every]))).toEqual({
      [schedulerIdFor(a.id)]: 60_000,
      [schedulerIdFor(b.id)]: 120_000,
    });
    expect(schedulers.find((s) => s.key === schedulerIdFor(a.id))?.template?.data).toMatchObject({ source: { kind: 'feed', url: a.url, feedId: a.id } });

    expect(await syncFeedSchedules(registry, queue)).toEqual({ upserted: 0, removed: 0 });

    await registry.remove(b.id);
    expect(await syncFeedSchedules(registry, queue)).toEqual({ upserted: 0, removed: 1 });
    expect((await queue.getJobSchedulers(0, -1)).map((s) => s.key)).toEqual([schedulerIdFor(a.id)]);
  });

  it('stretches the interval of a feed that keeps failing', async () => {
    const registry = createFeedRegistry({ redis: context.redis, prefix: context.prefix });
    const queue = context.queues.fetch as unknown as Queue;
    const { feed } = await registry.add('http://127.0.0.1:9/failing.xml', { intervalMs: 60_000 });
    await syncFeedSchedules(registry, queue);
    await registry.recordFailure(feed.id, { code: 'fetch.http_status', message: '500', at: new Date().toISOString() });
    await registry.recordFailure(feed.id, { code: 'fetch.http_status', message: '500', at: new Date().toISOString() });
    await syncFeedSchedules(registry, queue);
    const scheduler = (await queue.getJobSchedulers(0, -1)).find((s) => s.key === schedulerIdFor(feed.id));
    expect(Number(scheduler?.every)).toBe(240_000);
  });
});
