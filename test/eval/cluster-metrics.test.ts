import { describe, expect, it } from 'vitest';
import { bcubed, crossLingualUnitF1, pairwise } from './cluster-metrics.ts';

const labels = (entries: Record<string, string>) => new Map(Object.entries(entries));
const gold = labels({ a: 'G1', b: 'G1', c: 'G1', d: 'G2', e: 'G2' });
const predicted = labels({ a: 'P1', b: 'P1', c: 'P2', d: 'P2', e: 'P2' });

describe('clustering metrics', () => {
  it('counts pairs put together rightly and wrongly', () => {
    expect(pairwise(gold, predicted)).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, truePositives: 2, falsePositives: 2, falseNegatives: 2 });
  });

  it('averages BCubed precision and recall over items', () => {
    const score = bcubed(gold, predicted);
    expect(score.precision).toBeCloseTo(11 / 15, 10);
    expect(score.recall).toBeCloseTo(11 / 15, 10);
    expect(score.f1).toBeCloseTo(11 / 15, 10);
  });

  it('scores cross-lingual linking over per-language units of the gold clusters', () => {
    const languages = labels({ a: 'en', b: 'en', c: 'de', d: 'en', e: 'de' });
    const score = crossLingualUnitF1(gold, predicted, languages);
    expect(score.units).toBe(4);
    expect(score.precision).toBeCloseTo(1 / 3, 10);
    expect(score.recall).toBe(0.5);
    expect(score.f1).toBeCloseTo(0.4, 10);
  });

  it('gives a perfect score to the gold clustering itself, whatever the labels are called', () => {
    const renamed = new Map([...gold].map(([item, g]) => [item, `x-${g}`]));
    expect(pairwise(gold, renamed).f1).toBe(1);
    expect(bcubed(gold, renamed).f1).toBe(1);
  });

  it('ignores items that only one side labels', () => {
    expect(pairwise(gold, labels({ a: 'P1', b: 'P1', z: 'P1' }))).toMatchObject({ precision: 1, recall: 1, truePositives: 1 });
  });
});
