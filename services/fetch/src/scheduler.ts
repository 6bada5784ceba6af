import type { Queue } from 'bullmq';
import { itemIdFor } from '@newsflow/contracts/ids';
import type { FetchPayload } from '@newsflow/contracts/payloads';
import { createFeedRegistry, type FeedListing, type FeedRegistry } from '@newsflow/fetch/feeds';
import type { PipelineContext } from '@newsflow/runtime/pipeline-context';
import { jobOptions } from '@newsflow/runtime/queues';
import type { Runnable } from '@newsflow/runtime/service';

const SCHEDULER_PREFIX = 'feed-';

export function schedulerIdFor(feedId: string): string {
  return `${SCHEDULER_PREFIX}${feedId}`;
}

export function feedPayload(feed: Pick<FeedListing, 'id' | 'url'>): FetchPayload {
  const source = { kind: 'feed' as const, url: feed.url, feedId: feed.id };
  return { itemId: itemIdFor(source), sourceId: feed.url, source };
}

/**
 * Make the fetch queue's job schedulers match the registry: one scheduler per feed, repeating
 * at the feed's current interval (stretched by failures and unchanged polls); schedulers of
 * removed feeds go. Idempotent, so several processes may run it.
 */
export async function syncFeedSchedules(registry: FeedRegistry, queue: Queue): Promise<{ upserted: number; removed: number }> {
  const feeds = await registry.list();
  const existing = new Map((await queue.getJobSchedulers(0, -1)).map((scheduler) => [scheduler.key, scheduler.every]));
  let upserted = 0;
  for (const feed of feeds) {
    const id = schedulerIdFor(feed.id);
    if (Number(existing.get(id)) === feed.nextIntervalMs) continue;
    const payload = feedPayload(feed);
    const { jobId: _deterministicId, ...opts } = jobOptions('fetch', payload.itemId);
    await queue.upsertJobScheduler(id, { every: feed.nextIntervalMs }, { name: 'fetch', data: payload, opts });
    upserted++;
  }
  const wanted = new Set(feeds.map((feed) => schedulerIdFor(feed.id)));
  let removed = 0;
  for (const key of existing.keys()) {
    if (key.startsWith(SCHEDULER_PREFIX) && !wanted.has(key)) {
      await queue.removeJobScheduler(key);
      removed++;
    }
  }
  return { upserted, removed };
}

/** Keeps the schedules in step with the registry, every `everyMs` (30 s) while it runs. */
export async function feedSchedulerRunnable(context: PipelineContext, everyMs = 30_000): Promise<Runnable> {
  const registry = createFeedRegistry({ redis: context.redis, prefix: context.prefix });
  const queue = context.queues.fetch as unknown as Queue;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const sync = () => {
    running = syncFeedSchedules(registry, queue).then(
      (result) => {
        if (result.upserted || result.removed) context.logger.info(result, 'feed schedules updated');
      },
      (error: Error) => context.logger.error({ err: error.message }, 'feed schedule sync failed'),
    );
  };
  return {
    run() {
      sync();
      timer = setInterval(sync, everyMs);
    },
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
