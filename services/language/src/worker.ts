import { createLanguageDetector, type LanguageDetector } from '@newsflow/language/detector';
import { PermanentError } from '@newsflow/contracts/errors';
import type { ArticleStore } from '@newsflow/store/article-store';
import { stageRunnable, type ServiceDefinition } from '@newsflow/runtime/service';
import type { StageHandler } from '@newsflow/runtime/stage-worker';
import { loadConfig, type LanguageConfig } from './config.ts';

export function languageHandler(deps: { store: ArticleStore; detector: LanguageDetector }): StageHandler<'language'> {
  return async ({ itemId }) => {
    const document = await deps.store.get('clean', itemId);
    if (!document) throw new PermanentError('store.missing', `no cleaned document for item ${itemId}`);
    const result = {
      itemId,
      ...deps.detector.detect({
        title: document.title,
        text: document.text,
        // A hint, not a verdict: the text still decides when it disagrees.
        ...(document.declaredLanguage ? { declaredLanguage: document.declaredLanguage } : {}),
      }),
    };
    await deps.store.put('language', itemId, result);
    return {
      next: [{ stage: 'entities', payload: { itemId } }],
      summary: { language: result.language, confidence: Number(result.confidence.toFixed(3)) },
    };
  };
}

export const languageService: ServiceDefinition<LanguageConfig> = {
  name: 'language',
  loadConfig,
  async build(context, config) {
    const detector = await createLanguageDetector();
    return [stageRunnable(context, config, 'language', languageHandler({ store: context.store, detector }))];
  },
};
