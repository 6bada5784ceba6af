import { describe, expect, it } from 'vitest';
import { wordKey } from './normalize.ts';
import { asciiSkeleton, personKey, transliterateArabic } from './phonetic.ts';

/** The key of a name written with spaces or hyphens between its words. */
const key = (name: string): string => personKey(name.split(/[\s-]+/).map(wordKey));

describe('personKey', () => {
  it('gives a made-up name one key in English, French, Polish, Cyrillic and Arabic spellings', () => {
    const spellings = ['Taras Vorobkin', 'Taras Vorobkine', 'Taras Worobkin', 'Тарас Воробкин', 'Тарас Варабкін', 'تاراس فوروبكين'];
    expect(new Set(spellings.map(key))).toEqual(new Set(['trs-frbkn']));
  });

  it('gives an Arabic made-up name one key with or without the article, with Abdel glued or apart, with a father’s name', () => {
    const spellings = [
      'سمير عبد الواحد القراوي',
      'سمير عبدالواحد القراوي',
      'Samir Abdel Wahid el-Qarawi',
      'Samir Abdelwahid Karaoui',
      'Sameer Abd al-Wahid al-Qarawi',
      'سمير القراوي',
      'Samir Qarawi',
    ];
    expect(new Set(spellings.map(key))).toEqual(new Set([key('Samir Qarawi')]));
  });

  it('keeps different names apart', () => {
    const names = ['Taras Vorobkin', 'Boris Sorokin', 'Taras Vorontsov', 'Samir Qarawi', 'Samir Qadri', 'Yusuf Qarawi'];
    expect(new Set(names.map(key)).size).toBe(names.length);
  });

  it('gives an empty key to a name without letters, and skips words without letters', () => {
    expect(personKey(['123'])).toBe('');
    expect(personKey(['taras', '2', 'vorobkin'])).toBe('trs-frbkn');
  });

  it('keeps the gender of adjective-like surnames, so that a husband and a wife stay apart', () => {
    expect(key('Dalnovsky')).not.toBe(key('Dalnovskaya'));
    expect(new Set(['Dalnovskaya', 'Дальновская', 'دالنوفسكايا', 'Dalnowska'].map(key))).toEqual(new Set([key('Dalnovskaya')]));
  });

  it('reads an Arabic word as a Latin spelling would: the article dropped, long vowels as vowels (`و` as u), an initial waw or ya as a consonant', () => {
    expect(transliterateArabic('الصاوي')).toBe('saui');
    expect(transliterateArabic('وائل')).toBe('wail');
    expect(transliterateArabic('يوسف')).toBe('jusf');
    expect(asciiSkeleton('yusuf')).toBe(asciiSkeleton(transliterateArabic('يوسف')));
  });
});
