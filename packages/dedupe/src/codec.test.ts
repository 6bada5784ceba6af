import { deflateRawSync } from 'node:zlib';
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

  it('does not store labels: the newer article of a comparison brings its own', () => {
    const labelled = { ...features, nativeTerms: { 'pl:rozmow': 2 }, labels: { 'pl:rozmow': 'rozmowa' } };
    const decoded = decodeFeatures(encodeFeatures({ itemId: 'item1', eventId: 'ev-1', features: labelled }));
    expect(decoded.features.labels).toBeUndefined();
    expect(decoded.features.nativeTerms).toEqual({ 'pl:rozmow': 2 });
  });

  it('keeps a MinHash that does not fit in uint32 as it is', () => {
    const odd = { ...features, minhash: [-1, 1.5, 2 ** 40] };
    expect(decodeFeatures(encodeFeatures({ itemId: 'item1', eventId: 'ev-1', features: odd })).features.minhash).toEqual([-1, 1.5, 2 ** 40]);
  });

  it('stores the features in about half the bytes of their JSON, 4, 2 or 1 bytes a MinHash value', () => {
    const size = encodeFeatures({ itemId: 'item1', eventId: 'ev-1', features }).length;
    expect(size).toBeLessThan(JSON.stringify(features).length * 0.55);
    expect(size).toBeGreaterThan(64 * 4);
    const small = encodeFeatures({ itemId: 'item1', eventId: 'ev-1', features: compactFeatures(features, 48) });
    expect(small.length).toBeLessThanOrEqual(size - 64 * 3 + 8);
    expect(decodeFeatures(small).features.minhash).toEqual(features.minhash.map((v) => v & 0xff));
    const wide = encodeFeatures({ itemId: 'item1', eventId: 'ev-1', features: compactFeatures(features, 48, 16) });
    expect(decodeFeatures(wide).features.minhash).toEqual(features.minhash.map((v) => v & 0xffff));
  });

  it('leaves out the event id when it is the article\'s own, and reads it back', () => {
    const own = encodeFeatures({ itemId: 'item1', eventId: 'ev-item1', features });
    const other = encodeFeatures({ itemId: 'item1', eventId: 'ev-item0', features });
    expect(own.length).toBeLessThan(other.length);
    expect(decodeFeatures(own).eventId).toBe('ev-item1');
    expect(decodeFeatures(other).eventId).toBe('ev-item0');
  });

  it('still reads blobs of the first layout (uint32 length, plain deflate, uint32 MinHash)', () => {
    const packed = { i: 'item1', e: 'ev-1', f: { language: 'pl', publishedAt: '2025-08-15T10:00:00Z', textHash: 'abc', entities: [], terms: { a: 1 }, numbers: [] } };
    const json = deflateRawSync(Buffer.from(JSON.stringify(packed)));
    const head = Buffer.alloc(4);
    head.writeUInt32LE(json.length, 0);
    const minhash = Buffer.alloc(8);
    minhash.writeUInt32LE(70000, 0);
    minhash.writeUInt32LE(5, 4);
    const decoded = decodeFeatures(Buffer.concat([head, json, minhash]));
    expect(decoded).toEqual({ itemId: 'item1', eventId: 'ev-1', features: { ...packed.f, itemId: 'item1', minhash: [70000, 5], indexKeys: [] } });
  });
});

describe('compactFeatures', () => {
  it('keeps the heaviest terms with weights to 3 significant digits', () => {
    const compact = compactFeatures({ ...features, terms: { a: 0.123456, b: 0.9, c: 0.01 }, nativeTerms: { 'pl:x': 1, 'pl:y': 2 } }, 2);
    expect(compact.terms).toEqual({ b: 0.9, a: 0.123 });
    expect(compact.nativeTerms).toEqual({ 'pl:y': 2, 'pl:x': 1 });
    expect(compact.minhash).toEqual(features.minhash.map((v) => v & 0xff));
    expect(compactFeatures(features, 2, 16).minhash).toEqual(features.minhash.map((v) => v & 0xffff));
  });

  it('ranks terms by weight × importance when the similarity gives one', () => {
    const rare = new Set(['kreml', 'pl:odkb']);
    const importance = (_kind: 'terms' | 'nativeTerms', key: string) => (rare.has(key) ? 5 : 1);
    const compact = compactFeatures(
      { ...features, terms: { say: 3, kreml: 1, today: 2 }, nativeTerms: { 'pl:powiedz': 3, 'pl:odkb': 1 } },
      1,
      8,
      importance,
    );
    expect(compact.terms).toEqual({ kreml: 1 });
    expect(compact.nativeTerms).toEqual({ 'pl:odkb': 1 });
  });

  it('keeps the labels of the native terms it keeps, and only those', () => {
    const compact = compactFeatures({ ...features, nativeTerms: { 'pl:rozmow': 3, 'pl:telefon': 2, 'pl:dzis': 1 }, labels: { 'pl:rozmow': 'rozmowa', 'pl:dzis': 'dzisiaj' } }, 2);
    expect(compact.labels).toEqual({ 'pl:rozmow': 'rozmowa' });
  });
});
