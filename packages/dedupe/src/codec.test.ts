import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { DedupeInput } from '@newsflow/contracts/documents';
import { createPivot } from '@newsflow/lexicon/pivot';
import { compactFeatures, decodeFeatures, encodeFeatures, encodeFeaturesV2 } from './codec.ts';
import { createLexicalSimilarity } from './lexical-similarity.ts';
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
  it('round-trips features without their index keys and entity names, with item, event and original', () => {
    const decoded = decodeFeatures(encodeFeatures({ itemId: 'item1', eventId: 'ev-1', duplicateOf: 'item0', features }));
    const entities = features.entities.map((e) => ({ ...e, name: e.id }));
    expect(decoded).toEqual({ itemId: 'item1', eventId: 'ev-1', duplicateOf: 'item0', features: { ...features, entities, indexKeys: [] } });
  });

  it('round-trips every map exactly, in key order, whatever its weights and keys', () => {
    const odd: ArticleFeatures = {
      ...features,
      senses: { 'help|aid|zzyzxq': 1.693, market: 2.099, 'a||b': 1, '': 2 },
      terms: { help: 0.333, zzyzxq: 1.41, outsider: -0.0986, tiny: 1e-9, market: Math.PI },
      nativeTerms: { 'pl:rozmow': 2.1, 'pl:2020': 1, 'en:other': 1.69 },
      names: { putin: 1.693, lukas: 1 },
      entities: [{ id: 'Q1', name: 'x', weight: 2.54 }, { id: 'person:jan-kowalski', name: 'y', weight: 0.123456789 }],
      numbers: ['15', '2025-08-15'],
      publishedAt: '2025-08-15T10:00:00.000Z',
      textHash: '00ff7a',
      newSignal: { kept: true },
    } as ArticleFeatures;
    const decoded = decodeFeatures(encodeFeatures({ itemId: 'item1', eventId: 'ev-item1', features: odd })).features;
    for (const name of ['senses', 'terms', 'nativeTerms', 'names'] as const) {
      expect(Object.entries(decoded[name]!)).toEqual(Object.entries(odd[name]!));
    }
    expect(decoded.entities).toEqual(odd.entities.map((e) => ({ ...e, name: e.id })));
    expect((decoded as unknown as { newSignal: unknown }).newSignal).toEqual({ kept: true });
    expect([decoded.publishedAt, decoded.textHash]).toEqual(['2025-08-15T10:00:00.000Z', '00ff7a']);
  });

  it('stores a real-shaped article in about 3/4 of the v2 bytes, senses as vocabulary ranks', () => {
    const real = realShaped();
    const v2 = encodeFeaturesV2({ itemId: real.itemId, eventId: `ev-${real.itemId}`, features: real }).length;
    const v3 = encodeFeatures({ itemId: real.itemId, eventId: `ev-${real.itemId}`, features: real }).length;
    expect(v3).toBeLessThan(v2 * 0.8);
    expect(decodeFeatures(encodeFeaturesV2({ itemId: real.itemId, eventId: 'ev-x', features: real })).features.senses).toEqual(real.senses);
  });

  it('leaves every score of the lexical similarity unchanged (the newer article against a stored one)', async () => {
    const similarity = await createLexicalSimilarity({ resources: (language) => (language === 'fr' ? { pivot: frenchPivot } : {}) });
    const inputs = STORIES.map(([title, text], i) => frenchInput(`fr${i}`, title, text));
    const english = STORIES.map(([title, text], i) => ({ ...frenchInput(`en${i}`, title, text), language: { ...frenchInput('x', '', '').language, language: 'en' } }));
    const stored = [...inputs, ...english].map((input) => compactFeatures(similarity.features(input), 32, 8, similarity.termImportance.bind(similarity)));
    let pairs = 0;
    for (const a of stored) {
      for (const b of stored) {
        if (a === b) continue;
        const decoded = decodeFeatures(encodeFeatures({ itemId: b.itemId, eventId: `ev-${b.itemId}`, features: b })).features;
        expect(similarity.compare(a, decoded)).toEqual(similarity.compare(a, b));
        pairs++;
      }
    }
    expect(pairs).toBe(30);
    expect(Object.keys(stored[0]!.senses ?? {}).length).toBeGreaterThan(5);
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

const frenchPivot = createPivot(
  'fr',
  new Map([
    ['marché', ['market', 'bazaar', 'fair']],
    ['prix', ['price', 'prize', 'premium']],
    ['hausse', ['rise', 'increase']],
    ['acheteur', ['buyer', 'purchaser', 'client']],
    ['vendre', ['sell', 'vend']],
    ['ville', ['city', 'town']],
    ['crise', ['crisis', 'emergency', 'depression']],
    ['gouvernement', ['government']],
    ['ministre', ['minister', 'secretary']],
    ['élection', ['election', 'poll']],
    ['vote', ['vote', 'ballot']],
    ['frontière', ['border', 'frontier']],
    ['incendie', ['fire', 'blaze']],
    ['forêt', ['forest', 'wood', 'woodland']],
    ['pompier', ['firefighter', 'fireman']],
  ]),
);

/** Three short stories (invented), in French and as if English: real-shaped senses, names, entities. */
const STORIES: [string, string][] = [
  ['Hausse des prix sur le marché', 'Le marché immobilier de Lille voit les prix en hausse. Un acheteur doit vendre vite, dit Philippe Martin à Lille. La crise touche la ville.'],
  ['Élection: le gouvernement et le vote', 'Le ministre annonce le vote. Le gouvernement prépare une élection à Paris, selon Marie Dubois. La frontière reste ouverte.'],
  ['Incendie dans la forêt des Landes', 'Un incendie brûle la forêt. Chaque pompier de la ville lutte contre le feu, dit Jean Moreau. La forêt des Landes perd 300 hectares.'],
];

function frenchInput(itemId: string, title: string, text: string): DedupeInput {
  const guess = { language: 'fr', confidence: 1, reliable: true };
  return {
    itemId,
    sourceId: 'test',
    fetchedAt: '2025-08-15T10:00:00.000Z',
    clean: { itemId, format: 'text', title, text, charset: 'utf-8', charsetSource: 'utf8', droppedLines: 0, publishedAt: '2025-08-15T09:00:00.000Z' },
    language: { itemId, ...guess, title: guess, text: guess },
    entities: {
      itemId,
      entities: [
        { id: 'geonames:2998324', kind: 'place', name: 'Lille', count: 2, inTitle: false, surfaceForms: ['Lille'] },
        { id: 'Q142', kind: 'place', name: 'France', count: 1, inTitle: true, surfaceForms: ['France'] },
      ],
    },
  };
}

/** A stored article of the lexical default's shape: ≈ 50 sense keys, 32 terms and stems, names, entities. */
function realShaped(): ArticleFeatures {
  const english = ['market', 'price', 'buyer', 'sell', 'city', 'crisis', 'government', 'minister', 'election', 'border', 'fire', 'forest', 'thousand', 'month', 'director', 'manager', 'credit', 'risk', 'hazard', 'amount', 'number', 'town', 'estate', 'property', 'owner', 'landlord', 'loan', 'lend', 'borrow', 'current', 'present', 'topical', 'reason', 'objective', 'brief', 'short', 'join', 'connect', 'strong', 'loud', 'rise', 'increase', 'purchaser', 'client', 'bazaar', 'fair', 'prize', 'premium', 'task', 'duty', 'job', 'change', 'turn', 'able', 'fine', 'great', 'regret', 'resist', 'withstand', 'vend', 'inflate', 'cape', 'expectation', 'frankness', 'territory', 'contribute', 'acknowledge', 'confirm', 'mean', 'medium', 'remedy', 'coach', 'train', 'appear', 'seem', 'exit', 'give', 'pass', 'spend', 'beat', 'hit', 'strike', 'circumstance', 'climate', 'condition', 'apart', 'separate', 'special', 'want', 'wish', 'willing', 'become', 'grow', 'happen', 'droop', 'hang', 'lapse', 'overhaul', 'overtake', 'achieve'];
  const senses: Record<string, number> = {};
  for (let i = 0; i < english.length; ) {
    const n = 1 + (i % 3);
    senses[english.slice(i, i + n).sort().join('|')] = [1, 1.693, 2.099][i % 3]!;
    i += n;
  }
  const terms = Object.fromEntries(english.slice(0, 32).map((w, i) => [w, [1, 1.69, 1.41, 2.1][i % 4]!]));
  const stems = ['acheteu', 'transac', 'moyenne', 'phénomè', 'vendre', 'hausse', 'dépasse', 'pénurie', 'taux', 'cap', 'bien', 'résiste', 'marché', 'million', 'ménage', 'directe', 'vente', 'largeme', 'capital', 'prix', 'philipp', 'risque', 'devoir', 'mois', 'nombre', 'accentu', 'cafpi', 'conjonc', 'courtie', 'doper', 'doublé', 'notaire'];
  return {
    ...features,
    itemId: '1559133520',
    language: 'fr',
    publishedAt: '2020-06-01T12:00:00.000Z',
    publishedAtSource: 'page',
    textHash: '731ae0b0cee721bef44a',
    entities: [
      { id: 'person:philippe-martin', name: 'Philippe Martin', weight: 1.69 },
      { id: 'geonames:2998324', name: 'Lille', weight: 1 },
      { id: 'Q142', name: 'France', weight: 1.5 },
    ],
    terms,
    nativeTerms: Object.fromEntries(stems.map((s, i) => [`fr:${s}`, [2.1, 1.69, 1][i % 3]!])),
    names: { franc: 1.693, phili: 1.693, marti: 1, paris: 1, lille: 1 },
    senses,
    numbers: ['2025-08-15', '300'],
    tokenCount: 412,
  };
}
