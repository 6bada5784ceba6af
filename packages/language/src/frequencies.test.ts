import { describe, expect, it } from 'vitest';
import { createLanguageDetector } from './detector.ts';
import type { WordLexicon } from './dictionaries.ts';
import { loadFrequencyLists, serbianToCyrillic, type WordFrequencies } from './frequencies.ts';

describe('the word-frequency rank lists', () => {
  const lists = loadFrequencyLists();

  it('rank the most common words first, whatever their case', () => {
    const de = lists.rank('es', 'de');
    expect(de).toBeDefined();
    expect(de).toBeLessThan(10);
    expect(lists.rank('es', 'De')).toBe(de);
    expect(lists.rank('pt', 'não')).toBeLessThan(20);
  });

  it('do not know rare words or languages without a list', () => {
    expect(lists.rank('es', 'pangoparsemarkup')).toBeUndefined();
    expect(lists.languages.has('tl')).toBe(false);
    expect(lists.rank('tl', 'ang')).toBeUndefined();
  });

  it('read the Serbian list (Latin script) as Cyrillic, as eld and the sr_RS dictionary write it', () => {
    expect(lists.rank('sr', 'је')).toBeLessThan(10);
    expect(lists.rank('sr', 'je')).toBeUndefined();
  });
});

describe('serbianToCyrillic', () => {
  it('maps the digraphs to one letter', () => {
    expect(serbianToCyrillic('ljubav')).toBe('љубав');
    expect(serbianToCyrillic('džep')).toBe('џеп');
    expect(serbianToCyrillic('njegov')).toBe('његов');
  });

  it('gives up on letters outside the Serbian alphabet (foreign words in the list)', () => {
    expect(serbianToCyrillic('okay')).toBeUndefined();
  });
});

/** A lexicon that knows every word of the list in each of the given languages. */
function lexiconKnowing(languages: readonly string[], words: readonly string[]): WordLexicon {
  const known = new Set(words.map((w) => w.toLowerCase()));
  return { languages: new Set(['es', 'pt', 'ca', 'gl', 'it']), knows: (lang, word) => languages.includes(lang) && known.has(word.toLowerCase()) };
}

/** Rank lists in which the given words are common in one language only. */
function commonIn(language: string, words: readonly string[]): WordFrequencies {
  const ranks = new Map(words.map((w, i) => [w.toLowerCase(), 50 + i]));
  return { languages: new Set(['es', 'pt']), rank: (lang, word) => (lang === language ? ranks.get(word.toLowerCase()) : undefined) };
}

describe('the frequency evidence', () => {
  const title = 'Tipos de letra';
  const words = ['tipos', 'de', 'letra'];
  const bothKnow = lexiconKnowing(['es', 'pt'], words);

  it('breaks a tie between two dictionaries that both know every word by how common the words are', async () => {
    const asEs = await createLanguageDetector({ words: bothKnow, frequencies: commonIn('es', words) });
    const asPt = await createLanguageDetector({ words: bothKnow, frequencies: commonIn('pt', words) });
    expect(asEs.explainText(title)).toMatchObject({ language: 'es', features: { best: 'es' } });
    expect(asPt.explainText(title)).toMatchObject({ language: 'pt', features: { best: 'pt' } });
    expect(asEs.explainText(title).features.commonLead).toBeGreaterThan(10);
  });

  it('gives nothing for a listed word the language dictionary rejects (neighbours words in subtitle lists)', async () => {
    const onlyEs = lexiconKnowing(['es'], words);
    const withList = await createLanguageDetector({ words: onlyEs, frequencies: commonIn('pt', words) });
    const withoutList = await createLanguageDetector({ words: onlyEs, frequencies: false });
    const a = withList.explainText(title);
    const b = withoutList.explainText(title);
    expect(a.language).toBe('es');
    expect(a.features.commonLead).toBe(0);
    expect(a.features.gap).toBeCloseTo(b.features.gap, 6);
  });

  it('weighs nothing when turned off', async () => {
    const off = await createLanguageDetector({ words: bothKnow, frequencies: commonIn('es', words), frequencyWeight: 0 });
    const none = await createLanguageDetector({ words: bothKnow, frequencies: false });
    expect(off.explainText(title).features.gap).toBeCloseTo(none.explainText(title).features.gap, 6);
  });
});
