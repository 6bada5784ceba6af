/** Synthetic dedupe inputs for the integration tests: only what the dedupe stage reads. */
import type { DedupeInput, EntityKind } from '@newsflow/contracts/documents';

export interface ArticleSpec {
  itemId: string;
  title?: string;
  text?: string;
  publishedAt: string;
  language?: string;
  sourceId?: string;
  canonicalUrl?: string;
  /** [id, count, inTitle?, kind?] */
  entities: [string, number, boolean?, EntityKind?][];
}

export function article(spec: ArticleSpec): DedupeInput {
  const language = spec.language ?? 'en';
  const guess = { language, confidence: 0.99, reliable: true };
  return {
    itemId: spec.itemId,
    sourceId: spec.sourceId ?? 'src-test',
    fetchedAt: spec.publishedAt,
    clean: {
      itemId: spec.itemId,
      format: 'text',
      title: spec.title ?? `Title of ${spec.itemId}`,
      text: spec.text ?? `Body of ${spec.itemId} with words unique to it: ${spec.itemId} alpha ${spec.itemId} beta ${spec.itemId} gamma.`,
      publishedAt: spec.publishedAt,
      charset: 'utf-8',
      charsetSource: 'utf8',
      droppedLines: 0,
      ...(spec.canonicalUrl ? { canonicalUrl: spec.canonicalUrl } : {}),
    },
    language: { itemId: spec.itemId, ...guess, title: guess, text: guess },
    entities: {
      itemId: spec.itemId,
      entities: spec.entities.map(([id, count, inTitle, kind]) => ({
        id,
        kind: kind ?? 'person',
        name: id.replace(/^[a-z]+:/, '').replace(/-/g, ' '),
        count,
        inTitle: inTitle ?? false,
        surfaceForms: [id],
      })),
    },
  };
}

/** A deterministic pseudo-random generator (mulberry32), so a failing run can be replayed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
