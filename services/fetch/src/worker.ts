import { createFetcher, type Fetcher } from '@newsflow/fetch/fetch-source';
import { createRedisHostGate } from '@newsflow/fetch/redis-host-gate';
import { createRedisRobotsCache } from '@newsflow/fetch/robots';
import { createFeedRegistry } from '@newsflow/fetch/feeds';
import type { ArticleStore } from '@newsflow/store/article-store';
import type { PipelineContext } from '@newsflow/runtime/pipeline-context';
import { enqueueMany, type StageJob } from '@newsflow/runtime/queues';
import { stageRunnable, type ServiceDefinition } from '@newsflow/runtime/service';
import type { StageHandler } from '@newsflow/runtime/stage-worker';
import { loadConfig, type FetchConfig } from './config.ts';

/**
 * A page or file → its bytes in the store and a clean job. A feed → a fetch job per new entry
 * (entries that carry their content but no link go straight to clean), then the poll is
 * committed (validators, seen entries) once the entries are safely enqueued.
 */
export function fetchHandler(deps: { store: ArticleStore; fetcher: Fetcher; enqueue: (jobs: StageJob[]) => Promise<void> }): StageHandler<'fetch'> {
  return async (payload) => {
    const outcome = await deps.fetcher.fetchSource(payload);
    if (outcome.kind === 'document') {
      await deps.store.putRaw(outcome.raw, outcome.body);
      return {
        next: [{ stage: 'clean', payload: { itemId: payload.itemId } }],
        summary: { contentType: outcome.raw.contentType, bytes: outcome.raw.byteLength, status: outcome.raw.status },
      };
    }
    const jobs: StageJob[] = [];
    for (const entry of outcome.entries) {
      if (entry.kind === 'url') jobs.push({ stage: 'fetch', payload: entry.payload });
      else {
        await deps.store.putRaw(entry.raw, entry.body);
        jobs.push({ stage: 'clean', payload: { itemId: entry.raw.itemId } });
      }
    }
    await deps.enqueue(jobs);
    await outcome.commit();
    return {
      next: [],
      summary: { feedId: outcome.feedId, status: outcome.status, entries: outcome.totalEntries, new: outcome.entries.length },
    };
  };
}

/** The fetcher of a worker process: politeness and robots.txt shared through Redis with every other fetch worker. */
export function createServiceFetcher(context: PipelineContext, config: FetchConfig): Fetcher {
  return createFetcher({
    contactUrl: config.FETCH_CONTACT_URL,
    maxBytes: config.FETCH_MAX_BYTES,
    timeoutMs: config.FETCH_TIMEOUT_MS,
    allow: config.FETCH_ALLOW,
    minGapMs: config.FETCH_MIN_HOST_GAP_MS,
    fileRoots: config.FETCH_FILE_ROOTS.length > 0 ? config.FETCH_FILE_ROOTS : [process.cwd()],
    hostGate: createRedisHostGate({ redis: context.redis, prefix: context.prefix }),
    robots: createRedisRobotsCache({ redis: context.redis, prefix: context.prefix }),
    feeds: createFeedRegistry({ redis: context.redis, prefix: context.prefix }),
  });
}

export const fetchService: ServiceDefinition<FetchConfig> = {
  name: 'fetch',
  loadConfig,
  async build(context, config) {
    const fetcher = createServiceFetcher(context, config);
    const handler = fetchHandler({ store: context.store, fetcher, enqueue: (jobs) => enqueueMany(context.queues, jobs) });
    return [stageRunnable(context, config, 'fetch', handler), { run() {}, close: () => fetcher.close() }];
  },
};
