import { describe, expect, it } from 'vitest';
import { stopwordsOf } from './stopwords.ts';

describe('stopwordsOf', () => {
  it('knows the function words of many languages, folded', () => {
    expect(stopwordsOf('tr').has('için')).toBe(true);
    expect(stopwordsOf('pl').has('się')).toBe(true);
    expect(stopwordsOf('ar').size).toBeGreaterThan(100);
  });

  it('keeps English content words that long stopword lists drop', () => {
    const en = stopwordsOf('en');
    expect(en.has('the')).toBe(true);
    for (const word of ['help', 'world', 'state', 'year', 'president']) expect(en.has(word)).toBe(false);
  });

  it('has no words for a language without a list', () => {
    expect(stopwordsOf('xx').size).toBe(0);
  });
});
