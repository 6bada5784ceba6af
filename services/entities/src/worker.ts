import { createEntityExtractor, type EntityExtractor } from '@newsflow/entities/extractor';
import { PermanentError } from '@newsflow/contracts/errors';
import type { ArticleStore } from '@newsflow/store/article-store';
import { stageRunnable, type ServiceDefinition } from '@newsflow/runtime/service';
import type { StageHandler } from '@newsflow/runtime/stage-worker';
import { loadConfig, type EntitiesConfig } from './config.ts';

export function entitiesHandler(deps: { store: ArticleStore; extractor: EntityExtractor }): StageHandler<'entities'> {
  return async ({ itemId }) => {
    const { clean, language } = await deps.store.getMany(itemId, ['clean', 'language'] as const);
    if (!clean || !language) throw new PermanentError('store.missing', `item ${itemId} has no cleaned text or language`);
    const entities = deps.extractor.extract({ title: clean.title, text: clean.text, language: language.language });
    await deps.store.put('entities', itemId, { itemId, entities });
    return { next: [{ stage: 'dedupe', payload: { itemId } }], summary: { entities: entities.length } };
  };
}

export const entitiesService: ServiceDefinition<EntitiesConfig> = {
  name: 'entities',
  loadConfig,
  async build(context, config) {
    const extractor = await createEntityExtractor();
    return [stageRunnable(context, config, 'entities', entitiesHandler({ store: context.store, extractor }))];
  },
};
