import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanPlainText, titleFromText } from './plain-text.ts';

const seedsDir = new URL('../../../seeds/', import.meta.url);
const seed = (prefix: string): string => {
  const name = readdirSync(seedsDir).find((file) => file.startsWith(prefix) && file.endsWith('.txt'));
  if (name === undefined) throw new Error(`no seed ${prefix}`);
  return readFileSync(new URL(name, seedsDir), 'utf8');
};
const nonEmptyLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => /[\p{L}\p{N}]/u.test(line));

describe('cleanPlainText on the Polish seed', () => {
  const input = seed('003_');
  const result = cleanPlainText(input);
  const lines = result.text.split('\n');

  it('takes the headline below the skip link as the title', () => {
    expect(result.title).toBe('Kreml potwierdza: Putin pomoże Łukaszence w "rozwiązywaniu problemów" na Białorusi');
  });

  it('keeps every article paragraph, first to last', () => {
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^Jak informuje Kreml, rosyjski przywódca/);
    expect(lines.at(-1)).toMatch(/^Aleksandr Łukaszenka oświadczył .* Białorusi\.$/);
  });

  it('drops the skip link and the photo credit', () => {
    expect(result.text).not.toContain('Przejdź do treści');
    expect(result.text).not.toContain('Fot.');
    expect(result.text).not.toContain('PAP/EPA');
  });

  it('drops the agency tag, the section words and every headline after the article', () => {
    expect(result.text).not.toMatch(/^PAP$/m);
    expect(result.text).not.toContain('Wiadomości');
    expect(result.text).not.toContain('Najnowsze');
    expect(result.text).not.toContain('Nokaut! Niemcy');
    expect(result.text).not.toContain('Watykan');
  });

  it('counts what it dropped', () => {
    // Every non-empty input line is either kept, the title, or dropped.
    expect(result.droppedLines).toBe(nonEmptyLines(input).length - lines.length - 1);
    expect(result.droppedLines).toBeGreaterThan(20);
  });
});

describe('cleanPlainText on the seeds that are only article text', () => {
  for (const prefix of ['000_', '001_', '002_']) {
    it(`keeps every line of seed ${prefix}`, () => {
      const input = seed(prefix);
      const result = cleanPlainText(input);
      expect(result.text.split('\n')).toEqual(nonEmptyLines(input));
      expect(result.droppedLines).toBe(0);
      expect(result.title).toBeUndefined();
    });
  }
});

describe('cleanPlainText rules', () => {
  const paragraph = (n: number): string =>
    `This is paragraph number ${n} and it keeps going with enough ordinary words to count as running prose text.`;

  it('drops short lines that repeat, wherever they are', () => {
    const input = ['Read more', paragraph(1), 'Read more', paragraph(2)].join('\n');
    expect(cleanPlainText(input).text).toBe([paragraph(1), paragraph(2)].join('\n'));
  });

  it('keeps short lines at the end when fewer than three follow the last paragraph', () => {
    const input = [paragraph(1), paragraph(2), 'Reporting by Jane Doe'].join('\n');
    expect(cleanPlainText(input).text).toBe(input);
  });

  it('takes the longest headline-like line of the head as the title and drops the navigation above it', () => {
    const input = [
      'Skip to main content',
      'Home | World | Europe',
      'Putin and Lukashenko agree on security help',
      'Photo: Reuters/Sputnik',
      'By Jane Doe',
      paragraph(1),
      paragraph(2),
    ].join('\n');
    const result = cleanPlainText(input);
    expect(result.title).toBe('Putin and Lukashenko agree on security help');
    expect(result.text).toBe([paragraph(1), paragraph(2)].join('\n'));
    expect(result.droppedLines).toBe(4);
  });

  it('drops date stamps and bylines between paragraphs', () => {
    const input = [paragraph(1), 'Updated Nov 19, 2019, 9:41 AM', paragraph(2)].join('\n');
    expect(cleanPlainText(input).text).toBe([paragraph(1), paragraph(2)].join('\n'));
  });

  it('keeps short closing paragraphs that are sentences', () => {
    const last = `${paragraph(2)} It then ends here.`;
    const input = [paragraph(1), last, 'He declined to comment.', 'The talks resume on Monday.', '"We will see," she said.'].join('\n');
    expect(cleanPlainText(input).text).toBe(input);
  });

  it('cuts a tail of headlines after the last paragraph', () => {
    const last = `${paragraph(2)} It then ends here.`;
    const input = [paragraph(1), last, 'More news', 'Storm hits the coast', 'Markets fall again', 'Election date set'].join('\n');
    expect(cleanPlainText(input).text).toBe([paragraph(1), last].join('\n'));
  });

  it('keeps a repeated long paragraph, which is text and not navigation', () => {
    const input = [paragraph(1), paragraph(1)].join('\n');
    expect(cleanPlainText(input).text).toBe(input);
  });
});

describe('titleFromText', () => {
  it('takes the first sentence', () => {
    expect(titleFromText('Putin called Lukashenko. They talked for an hour.\nMore.')).toBe('Putin called Lukashenko.');
  });

  it('drops the quote mark of a quotation the first sentence does not close, and keeps a closed one', () => {
    expect(titleFromText('"The leaders talked today. They also met", the agency said.')).toBe('The leaders talked today.');
    expect(titleFromText('„Rozmowa trwała godzinę. Potem…” — podał Kreml.')).toBe('Rozmowa trwała godzinę.');
    expect(titleFromText('"Enough" was the word of the day.')).toBe('"Enough" was the word of the day.');
  });

  it('cuts a long first sentence at a word boundary', () => {
    const title = titleFromText(`${'word '.repeat(60)}end.`);
    expect(title.length).toBeLessThanOrEqual(121);
    expect(title.endsWith('word…')).toBe(true);
  });
});
