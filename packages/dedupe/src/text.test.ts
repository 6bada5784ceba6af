import { describe, expect, it } from 'vitest';
import { arabicLightStem, arabicSkeleton, arabicSuffixStem, foldCase, lightStem, tokenize } from './text.ts';

describe('foldCase', () => {
  it('lower-cases Turkish dotted and dotless capitals as Turkish does', () => {
    expect(foldCase('İzmir IRAK', 'tr')).toBe('izmir ırak');
    expect(foldCase('IRAK', 'en')).toBe('irak');
  });

  it('folds Arabic spelling variants and digits', () => {
    expect(foldCase('أَحْمَد', 'ar')).toBe('احمد');
    expect(foldCase('مدرسة ٢٠٢٠', 'ar')).toBe('مدرسه 2020');
  });
});

describe('tokenize', () => {
  it('cuts the suffix a Turkish apostrophe attaches to a name', () => {
    expect(tokenize("izmir'de toplu ulaşım")).toEqual(['izmir', 'toplu', 'ulaşım']);
  });
});

describe('lightStem', () => {
  it('cuts words to a prefix and Arabic words by affix', () => {
    expect(lightStem('koronavirüse', 'tr')).toBe('koron');
    expect(lightStem('koronavirüse', 'tr', 7)).toBe('koronav');
    expect(arabicLightStem('والمدرسه')).toBe('مدرس');
    expect(arabicSuffixStem('وزاره')).toBe('وزار');
  });

  it('brings an Arabic broken plural and its singular to one skeleton', () => {
    expect(arabicSkeleton('اسعار')).toBe(arabicSkeleton('سعر'));
    expect(arabicSkeleton('مواقع')).toBe(arabicSkeleton('موقع'));
    expect(arabicSkeleton('ا')).toBe('ا');
    expect(lightStem('2020', 'tr')).toBe('2020');
  });
});
