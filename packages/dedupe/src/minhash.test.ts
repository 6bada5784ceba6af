import { describe, expect, it } from 'vitest';
import { minhash, minhashBands, minhashSimilarity, shingles } from './minhash.ts';

const words = (text: string) => text.toLowerCase().split(/\s+/);
const story =
  'the presidents of russia and belarus spoke by telephone on sunday and agreed to meet in moscow in the coming weeks the kremlin said';

describe('minhash', () => {
  it('gives identical signatures for identical texts', () => {
    const a = minhash(shingles(words(story)));
    expect(a).toHaveLength(64);
    expect(minhashSimilarity(a, minhash(shingles(words(story))))).toBe(1);
  });

  it('scores a lightly edited copy high and an unrelated text low', () => {
    const base = minhash(shingles(words(story)));
    const edited = minhash(shingles(words(story.replace('sunday', 'monday'))));
    const other = minhash(shingles(words('heavy rain flooded the streets of istanbul and the ferries stopped running for the day')));
    expect(minhashSimilarity(base, edited)).toBeGreaterThan(0.5);
    expect(minhashSimilarity(base, other)).toBeLessThan(0.1);
  });

  it('gives an empty signature for an empty text and never matches it', () => {
    expect(minhash([])).toEqual([]);
    expect(minhashSimilarity([], [])).toBe(0);
  });

  it('shares every band key between equal signatures', () => {
    const a = minhash(shingles(words(story)));
    expect(minhashBands(a)).toEqual(minhashBands([...a]));
    expect(minhashBands(a)).toHaveLength(16);
  });
});
