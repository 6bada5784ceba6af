import { describe, expect, it } from 'vitest';
import { extractNumbers, monthNames, parseNumber } from './numbers.ts';

describe('parseNumber', () => {
  it('reads a decimal comma and a decimal point as the same value', () => {
    expect(parseNumber('80,1')).toBe('80.1');
    expect(parseNumber('80.1')).toBe('80.1');
  });

  it('reads groups of three digits as thousands', () => {
    expect(parseNumber('1.000')).toBe('1000');
    expect(parseNumber('1,000')).toBe('1000');
    expect(parseNumber('1 000 000')).toBe('1000000');
    expect(parseNumber('12.345,67')).toBe('12345.67');
    expect(parseNumber('12,345.67')).toBe('12345.67');
  });
});

describe('extractNumbers', () => {
  it('gives one key for a percentage however a language writes it', () => {
    expect(extractNumbers('Turnout was 80.1% on Sunday', 'en')).toContain('p:80.1');
    expect(extractNumbers('Frekwencja wyniosła 80,1 proc.', 'pl')).toContain('p:80.1');
    expect(extractNumbers('Katılım %80,1 oldu', 'tr')).toContain('p:80.1');
    expect(extractNumbers('Katılım yüzde 80,1 oldu', 'tr')).toContain('p:80.1');
    expect(extractNumbers('la participation de 80,1 pour cent', 'fr')).toContain('p:80.1');
    expect(extractNumbers('نسبة المشاركة ٨٠٫١٪', 'ar')).toContain('p:80.1');
  });

  it('gives one key for a day of a month in any language and order', () => {
    const texts: [string, string][] = [
      ['on August 9th, 2020', 'en'],
      ['9 sierpnia 2020', 'pl'],
      ['il 9 agosto', 'it'],
      ["9 Ağustos'ta", 'tr'],
      ['el 9 de agosto', 'es'],
      ['le 9 août', 'fr'],
      ['9 августа', 'ru'],
      ['في 9 آب', 'ar'],
      ['09.08.2020', 'de'],
    ];
    for (const [text, lang] of texts) expect(extractNumbers(text, lang), text).toContain('d:08-09');
  });

  it('keeps years and larger numbers but not small integers', () => {
    const keys = extractNumbers('In 2020, 3 people and 1,500 soldiers', 'en');
    expect(keys).toContain('y:2020');
    expect(keys).toContain('n:1500');
    expect(keys).not.toContain('n:3');
  });

  it('does not read a percentage across a following number', () => {
    expect(extractNumbers('80,1% 9 sierpnia', 'pl')).toEqual(['p:80.1', 'd:08-09']);
  });
});

describe('monthNames', () => {
  it('knows inflected month names from ICU', () => {
    const months = monthNames();
    expect(months.get('sierpnia')).toBe(8);
    expect(months.get('ağustos')).toBe(8);
    expect(months.get('août')).toBe(8);
  });
});
