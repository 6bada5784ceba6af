import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLanguageDetector, declaredCode, stripNonLinguistic, withoutNames, type LanguageDetector } from './detector.ts';

const seedsDir = join(import.meta.dirname, '..', '..', '..', 'seeds');

function seed(prefix: string): { title: string; text: string } {
  const file = readdirSync(seedsDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`seed ${prefix}* not found in ${seedsDir}`);
  const lines = readFileSync(join(seedsDir, file), 'utf8').split('\n');
  const firstLine = lines.findIndex((l) => l.trim() !== '');
  return { title: lines[firstLine] ?? '', text: lines.slice(firstLine + 1).join('\n') };
}

let detector: LanguageDetector;
beforeAll(async () => {
  detector = await createLanguageDetector();
});

describe('the seed articles', () => {
  it.each([
    ['000', 'it'],
    ['001', 'en'],
    ['002', 'en'],
    ['003', 'pl'],
  ])('seed %s is detected as %s, title, text and whole', (prefix, language) => {
    const result = detector.detect(seed(prefix));
    expect(result.language).toBe(language);
    expect(result.reliable).toBe(true);
    expect(result.confidence).toBeGreaterThan(0.9);
    expect(result.text.language).toBe(language);
  });

  it('the Polish seed stays Polish when only its junk lines are the title', () => {
    const { text } = seed('003');
    const result = detector.detect({ title: 'Przejdź do treści', text });
    expect(result.language).toBe('pl');
  });
});

describe('text that is not language, or too little of it', () => {
  it.each(['', '   ', '12345 678', '2020-08-09 14:35', '80.1% / 10.12%', 'https://example.com/a/b?id=7', 'www.kremlin.ru', 'info@example.org', '!!! ??? ...'])(
    '%j is und with confidence 0',
    (text) => {
      const guess = detector.detectText(text);
      expect(guess).toEqual({ language: 'und', confidence: 0, reliable: false });
    },
  );

  it.each(['ok', 'Hello', 'OK!', 'Putin', 'Lukashenko', 'Vláda schválila nový zákon', 'asdf qwer zxcv', '中'])(
    'the short or ambiguous %j is und and not reliable',
    (text) => {
      const guess = detector.detectText(text);
      expect(guess.language).toBe('und');
      expect(guess.reliable).toBe(false);
      expect(guess.confidence).toBeLessThan(0.5);
    },
  );

  it('an empty article is und everywhere', () => {
    const result = detector.detect({ title: '', text: '' });
    expect(result.language).toBe('und');
    expect(result.title.language).toBe('und');
    expect(result.text.language).toBe('und');
  });
});

describe('sentences and titles', () => {
  it.each([
    ['Die Bundesregierung hat am Mittwoch neue Sanktionen beschlossen.', 'de'],
    ['Le gouvernement a annoncé de nouvelles mesures contre la crise.', 'fr'],
    ['El presidente anunció nuevas medidas económicas para el país.', 'es'],
    ['O presidente anunciou novas medidas económicas para o país.', 'pt'],
    ['De regering heeft nieuwe maatregelen aangekondigd.', 'nl'],
    ['Hükümet yeni ekonomik tedbirleri açıkladı.', 'tr'],
    ['Президент объявил о новых экономических мерах.', 'ru'],
    ['Президент оголосив про нові економічні заходи.', 'uk'],
    ['أعلن الرئيس عن إجراءات اقتصادية جديدة.', 'ar'],
    ['总统宣布了新的经济措施。', 'zh'],
    ['Prezident oznámil nová hospodářská opatření.', 'cs'],
    ['Prezident oznámil nové hospodárske opatrenia, ktoré vláda schválila v pondelok.', 'sk'],
    ['Prezydent ogłosił nowe środki gospodarcze.', 'pl'],
    ['Il presidente ha annunciato nuove misure economiche.', 'it'],
  ])('%j is %s and reliable', (text, language) => {
    const guess = detector.detectText(text);
    expect(guess.language).toBe(language);
    expect(guess.reliable).toBe(true);
    expect(guess.confidence).toBeGreaterThanOrEqual(0.5);
    expect(guess.confidence).toBeLessThanOrEqual(1);
  });

  it('a letter only Czech uses decides a short Czech/Slovak title', () => {
    expect(detector.detectText('Vláda schválila nový zákon o řidičích').language).toBe('cs');
  });

  it('a letter only Ukrainian uses decides a short Ukrainian/Russian title', () => {
    expect(detector.detectText('Президент підписав закон').language).toBe('uk');
  });

  it('Han text with kana is Japanese, without kana Chinese', () => {
    expect(detector.detectText('政府は新しい経済対策を発表した').language).toBe('ja');
    expect(detector.detectText('政府发布新的经济政策').language).toBe('zh');
  });
});

describe('the whole-article decision', () => {
  it('the text outweighs a title in another language', () => {
    const { text } = seed('000');
    const result = detector.detect({ title: 'Putin and Lukashenko spoke on the phone', text });
    expect(result.title.language).toBe('en');
    expect(result.language).toBe('it');
  });

  it('the title decides when the text says nothing', () => {
    const result = detector.detect({ title: 'Kreml potwierdza: Putin pomoże Łukaszence na Białorusi', text: '12:30 https://example.pl' });
    expect(result.text.language).toBe('und');
    expect(result.language).toBe('pl');
  });

  it('links and numbers inside the text do not change its language', () => {
    const text = 'Il presidente ha parlato con i giornalisti https://www.example.com/news/2020/08/30 alle 12:00 del 30.08.2020.';
    expect(detector.detectText(text).language).toBe('it');
  });
});

describe('a language the page declares', () => {
  it('settles a close call between similar languages', () => {
    // Every word is Spanish and Portuguese alike: the text alone cannot be sure, the declared language
    // tips it (or at least keeps the other language from being claimed).
    const title = 'Área de recorte';
    expect(detector.detectText(title).confidence).toBeLessThan(0.9);
    expect(detector.detect({ title, text: '', declaredLanguage: 'es-ES' }).language).not.toBe('pt');
    expect(detector.detect({ title, text: '', declaredLanguage: 'pt' }).language).toBe('pt');
  });

  it('does not outvote a text written in another language', () => {
    const result = detector.detect({ ...seed('003'), declaredLanguage: 'en' });
    expect(result.language).toBe('pl');
    expect(result.title.language).toBe('pl');
  });

  it('is read from a BCP 47 tag, and ignored when it is not one', () => {
    expect(declaredCode('pt-BR')).toBe('pt');
    expect(declaredCode('EN_us')).toBe('en');
    expect(declaredCode('nb')).toBe('no');
    expect(declaredCode('und')).toBeUndefined();
    expect(declaredCode('')).toBeUndefined();
    expect(declaredCode(undefined)).toBeUndefined();
  });
});

describe('options', () => {
  it('a restricted language list never answers outside it', async () => {
    const restricted = await createLanguageDetector({ languages: ['en', 'it'] });
    expect(restricted.detectText('Die Bundesregierung hat am Mittwoch neue Sanktionen beschlossen.').language).not.toBe('de');
    expect(restricted.detectText('Il presidente ha annunciato nuove misure economiche.').language).toBe('it');
  });

  it('the small model detects the seeds too', async () => {
    const small = await createLanguageDetector({ model: 'small' });
    expect(small.model).toBe('small');
    expect(small.detect(seed('003')).language).toBe('pl');
    expect(small.detect(seed('000')).language).toBe('it');
  });
});

describe('stripNonLinguistic', () => {
  it('removes URLs, e-mail addresses, handles and numbers but keeps words', () => {
    const stripped = stripNonLinguistic('Zobacz https://x.pl/a?b=1 i napisz do a@b.pl lub @redakcja, 80.1% głosów').replace(/\s+/g, ' ').trim();
    expect(stripped).toBe('Zobacz i napisz do lub , głosów');
  });
});

describe('withoutNames (the words the dictionaries are asked about)', () => {
  it('leaves out acronyms and, in sentence case, the capitalised words after the first', () => {
    expect(withoutNames(['documento', 'de', 'Microsoft', 'RTF'])).toEqual(['documento', 'de']);
    expect(withoutNames(['Neue', 'Datei', 'anlegen'])).toEqual(['Neue', 'anlegen']);
  });

  it('keeps every word but acronyms of a Title Case text, where names cannot be told from words', () => {
    expect(withoutNames(['Recent', 'Files'])).toEqual(['Recent', 'Files']);
    expect(withoutNames(['Plik', 'ROM', 'Konsoli'])).toEqual(['Plik', 'Konsoli']);
    expect(withoutNames(['Neue', 'Datei'])).toEqual(['Neue', 'Datei']);
  });
});
