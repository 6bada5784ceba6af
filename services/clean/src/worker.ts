import { clean } from '@newsflow/clean/clean';
import { PermanentError } from '@newsflow/contracts/errors';
import type { ArticleStore } from '@newsflow/store/article-store';
import { stageRunnable, type ServiceDefinition } from '@newsflow/runtime/service';
import type { StageHandler } from '@newsflow/runtime/stage-worker';
import { loadConfig, type CleanConfig } from './config.ts';

export function cleanHandler(deps: { store: ArticleStore; dom?: CleanConfig['CLEAN_DOM'] }): StageHandler<'clean'> {
  return async ({ itemId }) => {
    const next = [{ stage: 'language' as const, payload: { itemId } }];
    const { fetch: raw, clean: done } = await deps.store.getMany(itemId, ['fetch', 'clean'] as const);
    if (!raw) throw new PermanentError('store.missing', `no fetched document for item ${itemId}`);
    const body = await deps.store.getBody(itemId);
    if (!body) {
      // The body expires after a while; a job that ran before (at-least-once) already cleaned it.
      if (done) return { next, summary: { skipped: 'already cleaned' } };
      throw new PermanentError('store.missing', `the fetched body of item ${itemId} has expired`);
    }
    const document = await clean(raw, body, deps.dom ? { dom: deps.dom } : undefined);
    await deps.store.put('clean', itemId, document);
    return {
      next,
      summary: { format: document.format, chars: document.text.length, charset: document.charset, dropped: document.droppedLines },
    };
  };
}

export const cleanService: ServiceDefinition<CleanConfig> = {
  name: 'clean',
  loadConfig,
  async build(context, config) {
    const handler = cleanHandler({ store: context.store, ...(config.CLEAN_DOM ? { dom: config.CLEAN_DOM } : {}) });
    return [stageRunnable(context, config, 'clean', handler)];
  },
};
