import { createFetcher, type Fetcher } from '@newsflow/fetch/fetch-source';
import type { ArticleStore } from '@newsflow/store/article-store';
import type { PipelineContext } from '@newsflow/runtime/pipeline-context';
import { stageRunnable, type ServiceDefinition } from '@newsflow/runtime/service';
import type { StageHandler } from '@newsflow/runtime/stage-worker';
import { loadConfig, type FetchConfig } from './config.ts';

export function fetchHandler(deps: { store: ArticleStore; fetcher: Fetcher }): StageHandler<'fetch'> {
  return async (payload) => {
    const outcome = await deps.fetcher.fetchSource(payload);
    await deps.store.putRaw(outcome.raw, outcome.body);
    return {
      next: [{ stage: 'clean', payload: { itemId: payload.itemId } }],
      summary: { contentType: outcome.raw.contentType, bytes: outcome.raw.byteLength, status: outcome.raw.status },
    };
  };
}

export function createServiceFetcher(_context: PipelineContext, config: FetchConfig): Fetcher {
  return createFetcher({ contactUrl: config.FETCH_CONTACT_URL, maxBytes: config.FETCH_MAX_BYTES });
}

export const fetchService: ServiceDefinition<FetchConfig> = {
  name: 'fetch',
  loadConfig,
  async build(context, config) {
    const fetcher = createServiceFetcher(context, config);
    return [stageRunnable(context, config, 'fetch', fetchHandler({ store: context.store, fetcher }))];
  },
};
