import { describe, expect, it } from 'vitest';
import { isCapitalised, tokenCase, tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('splits words in any script and keeps offsets into the input', () => {
    const text = 'Лукашенко і Ціханоўская, Łukaszenka w Mińsku.';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.text)).toEqual(['Лукашенко', 'і', 'Ціханоўская', 'Łukaszenka', 'w', 'Mińsku']);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it('splits at hyphens and apostrophes and keeps what lay between in gapBefore', () => {
    const tokens = tokenize("l'alleanza russo-bielorussa, Lukashenko’s rival");
    expect(tokens.map((t) => t.text)).toEqual(['l', 'alleanza', 'russo', 'bielorussa', 'Lukashenko', 's', 'rival']);
    expect(tokens[1]?.gapBefore).toBe("'");
    expect(tokens[3]?.gapBefore).toBe('-');
  });

  it('marks the first word of each sentence, after a line break and after a colon', () => {
    const tokens = tokenize('Putin spoke. Then Lukashenko\nThe Kremlin: Minsk, Moscow');
    const starts = tokens.filter((t) => t.sentenceStart).map((t) => t.text);
    expect(starts).toEqual(['Putin', 'Then', 'The', 'Minsk']);
  });

  it('records the letter case of each word', () => {
    expect(tokenize('Putin CSTO the McCain 2020').map((t) => t.case)).toEqual(['title', 'upper', 'lower', 'mixed', 'none']);
    expect(tokenCase('Ź')).toBe('upper');
    expect(tokenCase('ОДКБ')).toBe('upper');
    expect(isCapitalised({ text: 'McCain', case: 'mixed' })).toBe(true);
    expect(isCapitalised({ text: 'iPhone', case: 'mixed' })).toBe(false);
  });
});
