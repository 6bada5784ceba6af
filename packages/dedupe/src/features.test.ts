import { describe, expect, it } from 'vitest';
import type { DedupeInput } from '@newsflow/contracts/documents';
import { canonicalUrlKey, extractFeatures, nameKey, rawTokens, repeatedTitleLength, tokensWithContext } from './features.ts';

function input(language: string, title: string, text: string): DedupeInput {
  const guess = { language, confidence: 1, reliable: true };
  return {
    itemId: 'a',
    sourceId: 's',
    clean: { itemId: 'a', format: 'text', title, text, charset: 'utf-8', charsetSource: 'utf8', droppedLines: 0 },
    language: { itemId: 'a', ...guess, title: guess, text: guess },
    entities: { itemId: 'a', entities: [] },
    fetchedAt: '2020-08-16T12:00:00.000Z',
  };
}

describe('tokensWithContext', () => {
  it('marks the words that open a sentence, a line or a quote', () => {
    const tokens = tokensWithContext('Putin met Lukashenko. Then "Minsk" waited\nMoscow too');
    const starts = tokens.filter((t) => t.sentenceStart).map((t) => t.token);
    expect(starts).toEqual(expect.arrayContaining(['Putin', 'Then', 'Minsk', 'Moscow']));
    expect(starts).not.toContain('Lukashenko');
    expect(starts).not.toContain('met');
  });
});

describe('rawTokens', () => {
  it('keeps the word after a French or Italian elision and cuts a Turkish suffix', () => {
    expect(rawTokens("L'Assemblée a voté d’urgence jusqu'à l'Unione")).toEqual(['Assemblée', 'a', 'voté', 'urgence', 'à', 'Unione']);
    expect(rawTokens("Erdoğan'ın İzmir’de AB'nin Putin's")).toEqual(['Erdoğan', 'İzmir', 'AB', 'Putin']);
  });
});

describe('repeatedTitleLength', () => {
  it('measures a headline the body repeats at its start, and only there', () => {
    expect(repeatedTitleLength(['Flood', 'warning'], ['flood', 'warning', 'in', 'town'], 'en')).toBe(2);
    expect(repeatedTitleLength(['Flood', 'warning'], ['A', 'flood', 'warning'], 'en')).toBe(0);
    expect(repeatedTitleLength([], ['flood'], 'en')).toBe(0);
  });
});

describe('nameKey', () => {
  it('brings spellings of one name in different languages together', () => {
    expect(nameKey('Łukaszenka')).toBe(nameKey('Lukashenko'));
    expect(nameKey('Putina')).toBe(nameKey('Putin'));
    expect(nameKey('Лукашенко')).toBe('lukas');
  });
});

describe('canonicalUrlKey', () => {
  it('ignores scheme, www, tracking parameters, fragments and a trailing slash', () => {
    expect(canonicalUrlKey('https://www.example.com/a/b/?utm_source=x&id=3#top')).toBe('example.com/a/b?id=3');
    expect(canonicalUrlKey('not a url')).toBeUndefined();
  });
});

describe('extractFeatures', () => {
  const resources = () => ({});

  it('keeps content words and drops the language\u2019s function words', () => {
    const f = extractFeatures(input('tr', 'Deprem', 'Bu deprem ve bir sel için uyarı yapıldı'), { resources });
    const keys = Object.keys(f.nativeTerms ?? {});
    expect(keys).toEqual(expect.arrayContaining(['tr:depre', 'tr:uyarı']));
    expect(keys).not.toContain('tr:için');
    expect(keys).not.toContain('tr:bir');
  });

  it('counts title words more than body words', () => {
    const f = extractFeatures(input('en', 'Flood', 'Flood warning in the valley'), { resources });
    expect(f.nativeTerms?.['en:flood']).toBeGreaterThan(f.nativeTerms?.['en:valle'] ?? Infinity);
  });

  it('counts a headline the body repeats no more than one it does not', () => {
    const repeated = extractFeatures(input('en', 'Flood warning', 'Flood warning\nRivers rose in the valley'), { resources });
    const plain = extractFeatures(input('en', 'Flood warning', 'Rivers rose in the valley'), { resources });
    expect(repeated.nativeTerms).toEqual(plain.nativeTerms);
  });

  it('keeps the first letter of an Arabic dictionary lemma that looks like a clitic', () => {
    const lemmatizer = { language: 'ar', lemmas: (w: string) => (w.endsWith('وزارة') ? ['وزارة'] : []), lemma: (w: string) => w, known: () => true };
    const f = extractFeatures(input('ar', '', 'والوزارة وزارة'), { resources: () => ({ lemmatizer }) });
    expect(Object.keys(f.nativeTerms ?? {})).toEqual(['ar:وزر']);
  });

  it('gives equal texts the same hash and signature, and falls back to the fetch time', () => {
    const a = extractFeatures(input('en', 'Flood', 'Flood warning in the valley today'), { resources });
    const b = extractFeatures(input('en', 'Flood', 'Flood warning in the valley today'), { resources });
    expect(a.textHash).toBe(b.textHash);
    expect(a.minhash).toEqual(b.minhash);
    expect(a.publishedAt).toBe('2020-08-16T12:00:00.000Z');
    expect(a.publishedAtSource).toBe('fetch');
  });

  it('collects normalised numbers and name-like words', () => {
    const f = extractFeatures(input('pl', 'Wybory', 'Frekwencja wyniosła 80,1 proc. według komisji, podał Łukaszenka 9 sierpnia.'), { resources });
    expect(f.numbers).toEqual(expect.arrayContaining(['p:80.1', 'd:08-09']));
    expect(Object.keys(f.names ?? {})).toContain('lukas');
  });
});
