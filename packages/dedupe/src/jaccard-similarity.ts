/**
 * A small, deterministic Similarity: weighted Jaccard over entity ids, with a word-shingle
 * MinHash for near-duplicates. It is the hand-written stand-in used by the clustering tests and
 * the index benchmark, so they do not depend on the lexical default; it is not meant for production.
 */
import { createHash } from 'node:crypto';
import type { DedupeInput } from '@newsflow/contracts/documents';
import type { ArticleFeatures, Comparison, Similarity } from './similarity.ts';

const MINHASH_SIZE = 32;
const BAND_ROWS = 4;

function hash32(text: string, seed: number): number {
  // FNV-1a, seeded: fast and good enough for shingles.
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

export function minhashOf(text: string, size = MINHASH_SIZE): number[] {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const shingles = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) shingles.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  if (shingles.size === 0 && words.length > 0) shingles.add(words.join(' '));
  const out = new Array<number>(size).fill(0xffffffff);
  const seeds = Array.from({ length: size }, (_, k) => hash32(`seed${k}`, 0));
  for (const s of shingles) {
    const base = hash32(s, 0);
    for (let k = 0; k < size; k++) {
      // One hash a shingle, then a cheap integer mix per permutation (murmur3 finaliser).
      let h = (base ^ seeds[k]!) >>> 0;
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
      h = (h ^ (h >>> 16)) >>> 0;
      if (h < out[k]!) out[k] = h;
    }
  }
  return out;
}

export function bandKeys(minhash: readonly number[], rows = BAND_ROWS): string[] {
  const keys: string[] = [];
  for (let b = 0; b * rows < minhash.length; b++) {
    keys.push(`mh${b}:${hash32(minhash.slice(b * rows, b * rows + rows).join(','), b).toString(36)}`);
  }
  return keys;
}

export function createJaccardSimilarity(options: { threshold?: number } = {}): Similarity {
  return {
    name: 'jaccard-entities-test',
    threshold: options.threshold ?? 0.5,
    features(input: DedupeInput): ArticleFeatures {
      const text = `${input.clean.title}\n${input.clean.text}`;
      const normalised = text.toLowerCase().replace(/\s+/g, ' ').trim();
      const minhash = minhashOf(text);
      const entities = input.entities.entities.map((e) => ({ id: e.id, name: e.name, weight: e.count + (e.inTitle ? 2 : 0) }));
      const features: ArticleFeatures = {
        itemId: input.itemId,
        language: input.language.language,
        publishedAt: input.clean.publishedAt ?? input.fetchedAt,
        textHash: createHash('sha256').update(normalised).digest('hex').slice(0, 32),
        minhash,
        entities,
        terms: {},
        numbers: [],
        indexKeys: [...entities.map((e) => `ent:${e.id}`), ...bandKeys(minhash)],
      };
      if (input.clean.canonicalUrl) features.canonicalUrl = input.clean.canonicalUrl;
      return features;
    },
    compare(a: ArticleFeatures, b: ArticleFeatures): Comparison {
      const wa = new Map(a.entities.map((e) => [e.id, e.weight]));
      const wb = new Map(b.entities.map((e) => [e.id, e.weight]));
      let min = 0;
      let max = 0;
      for (const id of new Set([...wa.keys(), ...wb.keys()])) {
        const x = wa.get(id) ?? 0;
        const y = wb.get(id) ?? 0;
        min += Math.min(x, y);
        max += Math.max(x, y);
      }
      const shared = a.entities.filter((e) => wb.has(e.id)).map((e) => ({ id: e.id, name: e.name }));
      return { score: max === 0 ? 0 : min / max, evidence: { score: max === 0 ? 0 : min / max, sharedEntities: shared, sharedTerms: [] } };
    },
  };
}
