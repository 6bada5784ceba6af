import { describe, expect, it } from 'vitest';
import { compactFeatures, decodeFeatures, encodeFeatures } from './codec.ts';
import type { ArticleFeatures } from './similarity.ts';

const features: ArticleFeatures = {
  itemId: 'item1',
  language: 'pl',
  publishedAt: '2025-08-15T10:00:00Z',
  textHash: 'abc',
  canonicalUrl: 'https://example.org/a',
  minhash: Array.from({ length: 64 }, (_, i) => (i * 2654435761) >>> 0),
  entities: [{ id: 'Q7747', name: 'Vladimir Putin', weight: 3 }],
  terms: { call: 0.4, phone: 0.3 },
  numbers: ['2025-08-15'],
  indexKeys: ['Q7747', 'mh0:abc'],
};

describe('features codec', () => {
  it('round-trips features without their index keys, with item, event and original', () => {
    const decoded = decodeFeatures(encodeFeatures({ itemId: 'item1', eventId: 'ev-1', duplicateOf: 'item0', features }));
    expect(decoded).toEqual({ itemId: 'item1', eventId: 'ev-1', duplicateOf: 'item0', features: { ...features, indexKeys: [] } });
  });

  it('keeps a MinHash that does not fit in uint32 as it is', () => {
    const odd = { ...features, minhash: [-1, 1.5, 2 ** 40] };
    expect(decodeFeatures(encodeFeatures({ itemId: 'item1', eventId: 'ev-1', features: odd })).features.minhash).toEqual([-1, 1.5, 2 ** 40]);
  });

  it('stores the features in about half the bytes of their JSON, 4 or 2 bytes a MinHash value', () => {
    const size = encodeFeatures({ itemId: 'item1', eventId: 'ev-1', features }).length;
    expect(size).toBeLessThan(JSON.stringify(features).length * 0.55);
    expect(size).toBeGreaterThan(64 * 4);
    const small = encodeFeatures({ itemId: 'item1', eventId: 'ev-1', features: compactFeatures(features, 48) });
    expect(small.length).toBeLessThanOrEqual(size - 64 * 2 + 8);
    expect(decodeFeatures(small).features.minhash).toEqual(features.minhash.map((v) => v & 0xffff));
  });
});

describe('compactFeatures', () => {
  it('keeps the heaviest terms with weights to 3 significant digits', () => {
    const compact = compactFeatures({ ...features, terms: { a: 0.123456, b: 0.9, c: 0.01 }, nativeTerms: { 'pl:x': 1, 'pl:y': 2 } }, 2);
    expect(compact.terms).toEqual({ b: 0.9, a: 0.123 });
    expect(compact.nativeTerms).toEqual({ 'pl:y': 2, 'pl:x': 1 });
    expect(compact.minhash).toEqual(features.minhash.map((v) => v & 0xffff));
  });
});
