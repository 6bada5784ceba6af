import { describe, expect, it } from 'vitest';
import type { DedupeInput, EntityMention } from '@newsflow/contracts/documents';
import { createPivot } from '@newsflow/lexicon/pivot';
import { DEFAULT_WEIGHTS, PRIOR_DOCUMENTS, calibrate, createLexicalSimilarity, queryLikelihood, symmetricQueryLikelihood, type LexicalSimilarityOptions, type LexicalWeights } from './lexical-similarity.ts';

type LexicalWeightsOverride = Partial<LexicalWeights>;
import { createDocumentFrequencies } from './term-stats.ts';

function entity(id: string, name: string, count = 1, inTitle = false): EntityMention {
  return { id, kind: 'place', name, count, inTitle, surfaceForms: [name] };
}

function article(
  itemId: string,
  language: string,
  title: string,
  text: string,
  options: { entities?: EntityMention[]; publishedAt?: string; url?: string } = {},
): DedupeInput {
  return {
    itemId,
    sourceId: 'test',
    clean: {
      itemId,
      format: 'text',
      title,
      text,
      charset: 'utf-8',
      charsetSource: 'utf8',
      droppedLines: 0,
      ...(options.publishedAt ? { publishedAt: options.publishedAt } : {}),
      ...(options.url ? { canonicalUrl: options.url } : {}),
    },
    language: {
      itemId,
      language,
      confidence: 1,
      reliable: true,
      title: { language, confidence: 1, reliable: true },
      text: { language, confidence: 1, reliable: true },
    },
    entities: { itemId, entities: options.entities ?? [] },
    fetchedAt: '2020-08-16T12:00:00.000Z',
  };
}

const polish = createPivot(
  'pl',
  new Map([
    ['rozmowa', ['conversation', 'talk']],
    ['rozmowie', ['conversation', 'talk']],
    ['telefoniczny', ['telephone']],
    ['pomoc', ['help', 'assistance']],
    ['gotowość', ['readiness']],
    ['prezydent', ['president']],
    ['wybory', ['election']],
    ['powódź', ['flood']],
    ['deszcz', ['rain']],
  ]),
);

async function similarity(options: LexicalSimilarityOptions = {}) {
  return createLexicalSimilarity({
    resources: (language) => (language === 'pl' ? { pivot: polish } : {}),
    ...options,
  });
}

const putin = entity('Q7747', 'Vladimir Putin', 2, true);
const lukashenko = entity('Q14298', 'Alexander Lukashenko', 2, true);
const csto = { ...entity('Q218081', 'CSTO'), kind: 'organisation' as const };
const belarus = entity('Q184', 'Belarus', 3, true);
const istanbul = entity('Q406', 'Istanbul', 2, true);

const call = article(
  'en-call',
  'en',
  'Putin offers Lukashenko help through the CSTO',
  'In a telephone conversation on 16 August the president confirmed his readiness to help Belarus after the election, the Kremlin said. Turnout was 84.2%.',
  { entities: [putin, lukashenko, csto, belarus], publishedAt: '2020-08-16T10:00:00Z' },
);
const callPl = article(
  'pl-call',
  'pl',
  'Putin pomoże Łukaszence',
  'W rozmowie telefoniczny prezydent potwierdził gotowość pomoc po wybory, 16 sierpnia. Frekwencja 84,2 proc.',
  { entities: [putin, lukashenko, csto, belarus], publishedAt: '2020-08-16T14:00:00Z' },
);
const flood = article(
  'en-flood',
  'en',
  'Heavy rain floods Istanbul',
  'Streets were flooded and ferries stopped after the heaviest rain in decades, the governor said on 3 July.',
  { entities: [istanbul], publishedAt: '2020-07-03T09:00:00Z' },
);

describe('calibrate', () => {
  it('maps 0 to 0 and 1 to 1, keeps the order, and is steepest at its centre', () => {
    expect(calibrate(0, 0.33, 0.22)).toBeCloseTo(0, 12);
    expect(calibrate(1, 0.33, 0.22)).toBeCloseTo(1, 12);
    const xs = [0, 0.1, 0.2, 0.33, 0.5, 0.7, 1];
    const ys = xs.map((x) => calibrate(x, 0.33, 0.22));
    for (let i = 1; i < ys.length; i++) expect(ys[i]!).toBeGreaterThan(ys[i - 1]!);
    const slope = (x: number) => (calibrate(x + 0.01, 0.33, 0.22) - calibrate(x - 0.01, 0.33, 0.22)) / 0.02;
    expect(slope(0.33)).toBeGreaterThan(slope(0.05));
    expect(slope(0.33)).toBeGreaterThan(slope(0.9));
  });
});

describe('queryLikelihood', () => {
  const idf = (key: string): number => (key === 'rare' ? 5 : 1);
  it('is higher for shared rare words than for shared common ones, and only the length prior when nothing is shared', () => {
    const a = { rare: 1, common: 1, other: 1 };
    const sharesRare = queryLikelihood(a, { rare: 1, x: 1 }, idf, 3, 50);
    const sharesCommon = queryLikelihood(a, { common: 1, x: 1 }, idf, 3, 50);
    const sharesNothing = queryLikelihood(a, { x: 1, y: 1 }, idf, 3, 50);
    expect(sharesRare).toBeGreaterThan(sharesCommon);
    expect(sharesCommon).toBeGreaterThan(sharesNothing);
    expect(sharesNothing).toBeCloseTo(Math.log(50 / 53), 10);
  });

  it('is symmetrised as the mean of both directions', () => {
    const a = { rare: 1.693, common: 1, other: 1, more: 2 };
    const b = { rare: 1, common: 2.1, x: 1 };
    const mean = (queryLikelihood(a, b, idf, 3, 50) + queryLikelihood(b, a, idf, 3, 50)) / 2;
    expect(symmetricQueryLikelihood(a, b, idf, 3, 50)).toBeCloseTo(mean, 12);
    expect(symmetricQueryLikelihood(b, a, idf, 3, 50)).toBeCloseTo(mean, 12);
  });
});

describe('createLexicalSimilarity', () => {
  it('scores an article against itself as a duplicate', async () => {
    const s = await similarity();
    const f = s.features(call);
    expect(s.compare(f, f).score).toBe(1);
  });

  it('scores two articles with the same canonical URL as the same', async () => {
    const s = await similarity();
    const a = s.features(article('a', 'en', 'One', 'first text here', { url: 'https://www.example.com/news/1?utm_source=x' }));
    const b = s.features(article('b', 'en', 'Two', 'another text there', { url: 'http://example.com/news/1/' }));
    expect(s.compare(a, b).score).toBe(1);
  });

  it('scores a Polish and an English report of one event above the threshold, and an unrelated story far below', async () => {
    const s = await similarity();
    const [en, pl, other] = [s.features(call), s.features(callPl), s.features(flood)];
    const same = s.compare(en, pl);
    const different = s.compare(en, other);
    expect(same.score).toBeGreaterThanOrEqual(s.threshold);
    expect(different.score).toBeLessThan(0.2);
    expect(same.score - different.score).toBeGreaterThan(0.3);
  });

  it('explains a match with the shared entities, pivot terms and signals', async () => {
    const s = await similarity();
    const c = s.compare(s.features(call), s.features(callPl));
    expect(c.evidence.sharedEntities.map((e) => e.name)).toEqual(
      expect.arrayContaining(['Vladimir Putin', 'Alexander Lukashenko', 'CSTO', 'Belarus']),
    );
    expect(c.evidence.sharedTerms).toEqual(expect.arrayContaining(['conversation', 'readiness']));
    expect(c.signals?.['numbers']).toBeGreaterThan(0);
    expect(c.evidence.score).toBe(c.score);
  });

  it('matches a word with several translations through whichever sense the other article uses', async () => {
    const withSenses = await similarity();
    const flat = await similarity({ weights: { senses: false } });
    const pl = article('pl', 'pl', 'Pomoc', 'pomoc pomoc prezydent');
    const en = article('en', 'en', 'Help', 'help help president');
    const bySense = withSenses.compare(withSenses.features(pl), withSenses.features(en));
    const bySenseBag = flat.compare(flat.features(pl), flat.features(en));
    expect(bySense.signals?.['pivot']).toBeGreaterThan(0.95);
    expect(bySenseBag.signals?.['pivot']).toBeLessThan(0.9);
    expect(bySense.evidence.sharedTerms).toEqual(expect.arrayContaining(['help', 'president']));
  });

  it('shows shared own-language words as written, not as cut stems', async () => {
    const s = await similarity();
    const a = s.features(article('a', 'tr', 'Koronavirüs tedbirleri', 'Koronavirüs tedbirleri kapsamında ekipler çalıştı.'));
    const b = s.features(article('b', 'tr', 'Yeni tedbirleri', 'Koronavirüs salgını nedeniyle yeni tedbirleri açıklandı.'));
    const terms = s.compare(a, b).evidence.sharedTerms;
    expect(terms).toEqual(expect.arrayContaining(['koronavirüs', 'tedbirleri']));
    expect(terms).not.toContain('koron');
  });

  it('weighs a rare shared entity more than one every article mentions', async () => {
    const df = createDocumentFrequencies();
    for (let i = 0; i < 50; i++) df.observe(['e:Q184']);
    const s = await similarity({ documentFrequencies: df, learn: false });
    const rare = s.compare(
      s.features(article('a', 'en', 'x', 'alpha', { entities: [csto, belarus] })),
      s.features(article('b', 'en', 'y', 'beta', { entities: [csto] })),
    );
    const common = s.compare(
      s.features(article('c', 'en', 'x', 'alpha', { entities: [csto, belarus] })),
      s.features(article('d', 'en', 'y', 'beta', { entities: [belarus] })),
    );
    expect(rare.signals?.['entities']).toBeGreaterThan(common.signals?.['entities'] ?? 1);
    expect(rare.score).toBeGreaterThan(common.score);
  });

  it('weighs a repeated own-language word by its count raised to tfPower', async () => {
    const text = (word: string, n: number) => `${Array.from({ length: n }, () => word).join(' ')} common shared text`;
    const score = async (tfPower: number) => {
      const s = await similarity({ weights: { tfPower } });
      const a = s.features(article('a', 'pl', '', text('powódź', 9)));
      const b = s.features(article('b', 'pl', '', text('deszcz', 1)));
      return s.compare(a, b).signals!['native']!;
    };
    // The word only one side has weighs more with raw counts, so the cosine falls as tfPower rises.
    expect(await score(1)).toBeLessThan(await score(0.6));
    expect(await score(0.6)).toBeLessThan(await score(0.1));
  });

  it('sends a cross-language pair through its own curve and a same-language pair through the other', async () => {
    const polishPair = async (weights: LexicalWeightsOverride) => {
      const s = await similarity({ weights });
      return s.compare(s.features(call), s.features(callPl));
    };
    const polishTwin = article('pl-twin', 'pl', 'Putin pomoże Łukaszence', 'Prezydent potwierdził gotowość pomoc po wybory.');
    const samePair = async (weights: LexicalWeightsOverride) => {
      const s = await similarity({ weights });
      return s.compare(s.features(callPl), s.features(polishTwin)).score;
    };
    const base = await polishPair({});
    const lowerCentre = await polishPair({ crossCalibrationCentre: 0.2 });
    // One mix, two curves: a lower centre raises the cross-language score, as `calibrate` says.
    expect(lowerCentre.signals?.['mix']).toBe(base.signals?.['mix']);
    const mix = base.signals!['mix']!;
    const time = base.signals!['time']!;
    expect(lowerCentre.score).toBeCloseTo(calibrate(mix, 0.2, DEFAULT_WEIGHTS.crossCalibrationWidth) * time, 3);
    expect(lowerCentre.score).toBeGreaterThan(base.score);
    // The same-language curve does not move the cross-language pair, nor the cross-language curve a same-language one.
    expect((await polishPair({ calibrationCentre: 0.2 })).score).toBe(base.score);
    expect(await samePair({ crossCalibrationCentre: 0.2 })).toBe(await samePair({}));
    expect(await samePair({ calibrationCentre: 0.2 })).toBeGreaterThan(await samePair({}));
  });

  it('scores two articles in one language through the cross-language path when asked (the proxy the cross curve is fitted on)', async () => {
    // Two Polish articles that share own-language words but no pivot term, entity, number or name.
    const a = article('a', 'pl', 'Ulewa', 'ulewa zalała ulice miasta wieczorem');
    const b = article('b', 'pl', 'Ulewa', 'ulewa zalała ulice miasta rano');
    const both = async (crossLanguageOnly: boolean) => {
      const s = await similarity({ crossLanguageOnly });
      return s.compare(s.features(a), s.features(b));
    };
    const normal = await both(false);
    const proxy = await both(true);
    expect(normal.signals?.['native']).toBeGreaterThan(0.5);
    expect(normal.score).toBeGreaterThan(0.5);
    expect(proxy.signals?.['native']).toBe(0);
    expect(proxy.signals?.['mix']).toBe(0);
    expect(proxy.score).toBe(0);
    // An en–pl pair is on the cross-language path either way.
    const s = await similarity();
    const forced = await similarity({ crossLanguageOnly: true });
    expect(forced.compare(forced.features(call), forced.features(callPl)).score).toBe(s.compare(s.features(call), s.features(callPl)).score);
  });

  it('mixes the query likelihood into the own-language words by default, and scores by the cosine alone when its share is 0', async () => {
    const options = { resources: () => ({}), learn: false } as const;
    const a = article('a', 'fr', 'Incendie à Bruxelles', 'Une centaine de personnes évacuées après un incendie rue des Rameurs à Bruxelles.');
    const b = article('b', 'fr', 'Bruxelles : incendie maîtrisé', 'Un incendie a été maîtrisé dans la nuit, une centaine de personnes évacuées vers la gare.');
    const off = await createLexicalSimilarity({ ...options, weights: { likelihood: 0 } });
    const on = await createLexicalSimilarity(options);
    const [fa, fb] = [off.features(a), off.features(b)];
    const plain = off.compare(fa, fb);
    const mixed = on.compare(fa, fb);
    expect(plain.signals?.['likelihood']).toBe(0);
    expect(mixed.signals?.['likelihood']).not.toBe(0);
    expect(mixed.signals?.['native']).toBe(plain.signals?.['native']);
    expect(plain.signals?.['words']).toBe(plain.signals?.['native']);
    expect(mixed.signals?.['words']).not.toBe(mixed.signals?.['native']);
  });

  it('lowers the score of the same words published weeks apart', async () => {
    const s = await similarity();
    const later = { ...callPl, clean: { ...callPl.clean, publishedAt: '2020-09-20T14:00:00Z' } };
    const near = s.compare(s.features(call), s.features(callPl)).score;
    const far = s.compare(s.features(call), s.features(later)).score;
    expect(far).toBeLessThan(near * 0.8);
  });

  it('compares features that went through JSON exactly as the originals', async () => {
    const s = await similarity();
    const a = s.features(call);
    const b = s.features(callPl);
    const revived = JSON.parse(JSON.stringify(b)) as typeof b;
    expect(s.compare(a, revived)).toEqual(s.compare(a, b));
  });

  it('counts each article in the document frequencies unless told not to', async () => {
    const learning = await similarity();
    learning.features(call);
    expect(learning.documentFrequencies.documents).toBe(1);
    expect(learning.documentFrequencies.df('e:Q7747')).toBe(1);
    const fixed = await similarity({ learn: false });
    fixed.features(call);
    expect(fixed.documentFrequencies.documents).toBe(0);
  });

  it('indexes an article under its entities, rare terms and MinHash bands', async () => {
    const s = await similarity();
    const f = s.features(call);
    expect(f.indexKeys).toContain('e:Q218081');
    expect(f.indexKeys.some((k) => k.startsWith('t:'))).toBe(true);
    expect(f.indexKeys.filter((k) => k.startsWith('mh:'))).toHaveLength(16);
  });

  it('scores a same-event pair on a cold start nearly as it would after a large corpus, not lower', async () => {
    // A fresh worker has seen only a few same-topic articles; the pseudo-documents keep their shared
    // words from looking common, so the score stays on the scale the threshold was chosen with.
    const cold = await similarity();
    const [en, pl] = [cold.features(call), cold.features(callPl)];
    for (const other of [flood, call, callPl]) cold.features(other);
    const oldSmoothing = await similarity({ documentFrequencies: createDocumentFrequencies({ priorDocuments: 20 }) });
    const [en20, pl20] = [oldSmoothing.features(call), oldSmoothing.features(callPl)];
    for (const other of [flood, call, callPl]) oldSmoothing.features(other);
    expect(cold.documentFrequencies.documents).toBe(5);
    expect(PRIOR_DOCUMENTS).toBe(1440);
    expect(cold.compare(en, pl).score).toBeGreaterThan(oldSmoothing.compare(en20, pl20).score);
    expect(cold.compare(en, pl).score).toBeGreaterThanOrEqual(cold.threshold);
    const putinIdf = cold.documentFrequencies.idf('e:Q7747');
    expect(putinIdf / cold.documentFrequencies.idf('e:never-seen')).toBeGreaterThan(0.75);
  });
});
