import { describe, expect, it } from 'vitest';
import { createEnglishPrior, englishPrior } from './idf-prior.ts';

const counts = [
  { word: 'the', count: 60_000 },
  { word: 'President', count: 300 },
  { word: 'president', count: 700 },
  { word: 'elections', count: 40 },
  { word: 'election', count: 60 },
];

describe('the English document-rate prior', () => {
  it('turns word counts into the chance that an article of L words contains the word, 1 − exp(−L·f)', () => {
    const prior = createEnglishPrior({ counts, documentLength: 100 });
    const total = 61_100;
    expect(prior('t:the')).toBeCloseTo(1 - Math.exp((-100 * 60_000) / total), 12);
    expect(prior('t:election')).toBeCloseTo(1 - Math.exp((-100 * 60) / total), 12);
    expect(prior('t:the')!).toBeGreaterThan(prior('t:election')!);
  });

  it('folds case and sums the forms of a pivot term', () => {
    const prior = createEnglishPrior({ counts, documentLength: 100 });
    expect(prior('t:president')).toBeCloseTo(1 - Math.exp((-100 * 1000) / 61_100), 12);
  });

  it('gives English own-language stems the summed counts of every word with that prefix', () => {
    const prior = createEnglishPrior({ counts, documentLength: 100, stemLength: 7 });
    expect(prior('s:en:electio')).toBeCloseTo(1 - Math.exp((-100 * 100) / 61_100), 12);
  });

  it('makes a word missing from the list rare but not impossible', () => {
    const prior = createEnglishPrior({ counts, documentLength: 100 });
    expect(prior('t:lukashenko')).toBeGreaterThan(0);
    expect(prior('t:lukashenko')!).toBeLessThan(prior('t:election')!);
  });

  it('has nothing to say about other languages, entities, numbers or names', () => {
    const prior = createEnglishPrior({ counts });
    for (const key of ['s:pl:rozmowa', 'e:Q184', 'n:2020', 'm:putin']) expect(prior(key)).toBeUndefined();
  });

  it('reads SUBTLEX-US by default: function words near certain, news words in between, rare words rare', () => {
    const prior = englishPrior();
    expect(prior('t:the')!).toBeGreaterThan(0.99);
    expect(prior('t:talk')!).toBeGreaterThan(prior('t:conversation')!);
    expect(prior('t:conversation')!).toBeGreaterThan(prior('t:treaty')!);
    expect(prior('t:treaty')!).toBeLessThan(0.01);
    expect(englishPrior()).toBe(prior);
  });
});
