import { describe, expect, it } from 'vitest';
import { loadPages, loadPublishedOutput, truthMap } from './extract-data.ts';
import { aggregate, scoreAll, scorePage, shingles, tokenize } from './extraction-score.ts';

describe('tokenize', () => {
  it('splits on anything that is not a letter, digit or underscore, in any script', () => {
    expect(tokenize("Łukaszenka's 80.1% snake_case — Лукашенко 東京")).toEqual([
      'Łukaszenka',
      's',
      '80',
      '1',
      'snake_case',
      'Лукашенко',
      '東京',
    ]);
  });
});

describe('shingles', () => {
  it('counts repeated 4-token shingles as a multiset', () => {
    const counts = shingles('a b c d a b c d');
    expect(counts.size).toBe(4);
    expect([...counts.values()].reduce((a, b) => a + b)).toBe(5);
  });

  it('makes one shingle of a short text and none of an empty one', () => {
    expect(shingles('two words').size).toBe(1);
    expect(shingles('  ').size).toBe(0);
  });
});

describe('scorePage', () => {
  it('normalises TP, FP and FN to sum to one', () => {
    const page = scorePage('one two three four five', 'one two three four six');
    expect(page.tp + page.fp + page.fn).toBeCloseTo(1, 10);
    expect(page.tp).toBeCloseTo(1 / 3, 10);
  });

  it('lets an empty prediction drop out of precision and zero its recall', () => {
    const score = aggregate([scorePage('one two three four five', ''), scorePage('a b c d', 'a b c d')]);
    expect(score.precision).toBe(1);
    expect(score.recall).toBe(0.5);
  });
});

describe('scoreAll against published benchmark outputs', () => {
  const truth = truthMap(loadPages());

  it('has the 181 benchmark pages', () => {
    expect(truth.size).toBe(181);
  });

  it('reproduces the published Readability.js score (0.9467 / 0.9139 / 0.9820 / 0.1657)', () => {
    const score = scoreAll(truth, loadPublishedOutput('readability_js'));
    expect(score.f1).toBeCloseTo(0.9467, 4);
    expect(score.precision).toBeCloseTo(0.9139, 4);
    expect(score.recall).toBeCloseTo(0.982, 4);
    expect(score.accuracy).toBeCloseTo(0.1657, 4);
  });

  it('reproduces the published trafilatura 2.0 score (0.958 / 0.938 / 0.978)', () => {
    const score = scoreAll(truth, loadPublishedOutput('trafilatura'));
    expect(score.f1).toBeCloseTo(0.958, 3);
    expect(score.precision).toBeCloseTo(0.938, 3);
    expect(score.recall).toBeCloseTo(0.978, 3);
  });
});
