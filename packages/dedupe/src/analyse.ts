/**
 * Text → `DedupeInput` through the real stages, in one process and without queues: clean (plain
 * text path) → language → entities. Used by the evaluation (`pnpm eval:events`) and by
 * `newsflow similarity`, so that both score exactly what the pipeline would.
 */
import { createHash } from 'node:crypto';
import { clean } from '@newsflow/clean/clean';
import type { DedupeInput, EntityMention, LanguageResult, RawDocument } from '@newsflow/contracts/documents';
import { createEntityExtractor } from '@newsflow/entities/extractor';
import { createLanguageDetector, type LanguageDetector } from '@newsflow/language/detector';

/** One article given as text. */
export interface ArticleText {
  /** Any id; one is derived from the text when absent. */
  id?: string;
  title?: string;
  text: string;
  /** ISO 639-1 hint, used only when the detector cannot decide. */
  language?: string;
  /** ISO 8601. */
  publishedAt?: string;
  url?: string;
  sourceId?: string;
}

/** The entities stage as analyse needs it. */
export type EntityStage = (input: { itemId: string; title: string; text: string; language: string }) => Promise<EntityMention[]> | EntityMention[];

export interface AnalyserOptions {
  /** The language detector; default `createLanguageDetector()`. */
  detector?: Pick<LanguageDetector, 'detect'>;
  /** The entities stage; default the entities package's extractor. */
  entities?: EntityStage;
  /** The clock for `fetchedAt`. */
  now?: () => Date;
}

export interface Analyser {
  analyse(article: ArticleText): Promise<DedupeInput>;
}

function itemIdOf(article: ArticleText): string {
  const base = article.id ?? createHash('sha1').update(`${article.title ?? ''}\n${article.text}`).digest('hex').slice(0, 16);
  return base.toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 64) || 'item';
}

async function defaultEntityStage(): Promise<EntityStage> {
  const extractor = await createEntityExtractor();
  return (input) => extractor.extract(input);
}

export async function createAnalyser(options: AnalyserOptions = {}): Promise<Analyser> {
  const detector = options.detector ?? (await createLanguageDetector());
  const entities = options.entities ?? (await defaultEntityStage());
  const now = options.now ?? (() => new Date());

  return {
    async analyse(article) {
      const itemId = itemIdOf(article);
      const fetchedAt = now().toISOString();
      const title = article.title?.trim() ?? '';
      const body = Buffer.from(title ? `${title}\n\n${article.text}` : article.text, 'utf8');
      const raw: RawDocument = {
        itemId,
        sourceId: article.sourceId ?? 'text',
        source: article.url ? { kind: 'url', url: article.url } : { kind: 'file', path: `${itemId}.txt` },
        finalUrl: article.url ?? `file:///${itemId}.txt`,
        status: 200,
        contentType: 'text/plain',
        fetchedAt,
        byteLength: body.byteLength,
        ...(article.publishedAt ? { feedPublishedAt: article.publishedAt } : {}),
        ...(title ? { feedTitle: title } : {}),
      };
      const cleaned = await clean(raw, body, { now: now() });
      if (article.url) cleaned.canonicalUrl ??= article.url;

      const detected = detector.detect({ title: cleaned.title, text: cleaned.text });
      const language: LanguageResult = { itemId, ...detected };
      if (language.language === 'und' && article.language) {
        language.language = article.language;
        language.reliable = false;
      }
      const mentions = await entities({ itemId, title: cleaned.title, text: cleaned.text, language: language.language });
      return {
        itemId,
        sourceId: raw.sourceId,
        clean: cleaned,
        language,
        entities: { itemId, entities: mentions },
        fetchedAt,
      };
    },
  };
}
