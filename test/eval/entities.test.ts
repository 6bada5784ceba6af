import { createEntityExtractor, type EntityExtractor } from '@newsflow/entities/extractor';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSeeds, evaluate, loadLabelledArticles, type LabelledArticle } from './entities-lib.ts';

/**
 * The CI slice of `pnpm eval:entities`: the seed table must be complete, and precision and recall on
 * each split of the labelled sample must stay above floors a few points below what was measured
 * (EVALUATION.md).
 */
const FLOORS = {
  dev: { precision: 0.87, recall: 0.69, placePrecision: 0.9, placeRecall: 0.72, arabicRecall: 0.72 },
  test: { precision: 0.76, recall: 0.57, placePrecision: 0.76, placeRecall: 0.56, arabicRecall: 0.55 },
  test2: { precision: 0.75, recall: 0.54, placePrecision: 0.68, placeRecall: 0.53, arabicRecall: 0.4 },
  test3: { precision: 0.7, recall: 0.6, placePrecision: 0.78, placeRecall: 0.71, arabicRecall: 0.52 },
};

let extractor: EntityExtractor;
let articles: LabelledArticle[];

beforeAll(async () => {
  extractor = await createEntityExtractor();
  articles = loadLabelledArticles();
});

describe('entities evaluation slice', () => {
  it('finds every expected seed entity under its one id and no common word as a place', () => {
    const { checks, noise } = checkSeeds(extractor);
    expect(checks.filter((c) => c.missed.length || c.unexpected.length).map((c) => c.name)).toEqual([]);
    expect(noise).toEqual([]);
  });

  it.each(['dev', 'test', 'test2', 'test3'] as const)('keeps precision and recall on the %s split above their floors', (split) => {
    const floors = FLOORS[split];
    const result = evaluate(extractor, articles.filter((a) => a.split === split));
    expect(result.overall.labelled).toBeGreaterThan(split === 'dev' ? 300 : 80);
    expect(result.byLanguage.ar?.recall ?? 0).toBeGreaterThanOrEqual(floors.arabicRecall);
    expect(result.overall.precision).toBeGreaterThanOrEqual(floors.precision);
    expect(result.overall.recall).toBeGreaterThanOrEqual(floors.recall);
    expect(result.byKind.place?.precision ?? 0).toBeGreaterThanOrEqual(floors.placePrecision);
    expect(result.byKind.place?.recall ?? 0).toBeGreaterThanOrEqual(floors.placeRecall);
  });

  it('scores an extractor that finds nothing at zero recall, so the floors can fail', () => {
    const result = evaluate({ extract: () => [], stats: extractor.stats }, articles);
    expect(result.overall.recall).toBe(0);
    expect(result.overall.recall).toBeLessThan(FLOORS.test.recall);
  });
});
