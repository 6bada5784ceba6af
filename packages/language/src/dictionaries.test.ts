import { describe, expect, it } from 'vitest';
import { createLanguageDetector } from './detector.ts';
import { loadHunspellLexicon, type WordLexicon } from './dictionaries.ts';

describe('the hunspell lexicon', () => {
  const lexicon = loadHunspellLexicon();

  it('knows a word in the languages that spell it so, with its inflections', () => {
    expect(lexicon.knows('sk', 'súbor')).toBe(true);
    expect(lexicon.knows('cs', 'súbor')).toBe(false);
    expect(lexicon.knows('cs', 'soubor')).toBe(true);
    expect(lexicon.knows('uk', 'помилки')).toBe(true);
    expect(lexicon.knows('ru', 'помилки')).toBe(false);
  });

  it('reads a dictionary in a legacy encoding (Polish is ISO 8859-2)', () => {
    expect(lexicon.knows('pl', 'Białorusi')).toBe(true);
    expect(lexicon.knows('pl', 'zażółć')).toBe(true);
  });

  it('knows nothing in a language it has no dictionary for', () => {
    expect(lexicon.languages.has('tl')).toBe(false);
    expect(lexicon.knows('tl', 'ang')).toBe(false);
  });
});

/** A lexicon that knows the given words in the given language only, and counts the questions. */
function fakeLexicon(language: string, words: readonly string[]): WordLexicon & { asked: number } {
  const known = new Set(words.map((w) => w.toLowerCase()));
  const fake = {
    asked: 0,
    languages: new Set(['es', 'pt', 'ca', 'it', 'gl']),
    knows(lang: string, word: string) {
      fake.asked++;
      return lang === language && known.has(word.toLowerCase());
    },
  };
  return fake;
}

describe('the word-level second opinion', () => {
  it('decides a short title between close languages by the words only one of them knows', async () => {
    const title = 'Tipos de letra';
    const asPt = await createLanguageDetector({ words: fakeLexicon('pt', ['tipos', 'de', 'letra']) });
    const asEs = await createLanguageDetector({ words: fakeLexicon('es', ['tipos', 'de', 'letra']) });
    expect(asPt.detectText(title)).toMatchObject({ language: 'pt', reliable: true });
    expect(asEs.detectText(title)).toMatchObject({ language: 'es', reliable: true });
  });

  it('leaves long texts to the n-grams, without looking words up', async () => {
    const lexicon = fakeLexicon('pt', []);
    const detector = await createLanguageDetector({ words: lexicon });
    const sentence = 'El gobierno anunció ayer que las nuevas medidas económicas entrarán en vigor el próximo mes en todo el país.';
    expect(detector.detectText(sentence).language).toBe('es');
    expect(lexicon.asked).toBe(0);
  });

  it('leaves product names and acronyms out of the count', async () => {
    const lexicon = fakeLexicon('pt', ['documento', 'de']);
    const detector = await createLanguageDetector({ words: lexicon });
    // Only "documento" and "de" are asked about; "Microsoft" and "RTF" are names.
    expect(detector.detectText('documento de Microsoft RTF').language).toBe('pt');
  });
});
