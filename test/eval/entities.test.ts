import { createEntityExtractor, type EntityExtractor } from '@newsflow/entities/extractor';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSeeds, evaluate, loadLabelledArticles, type LabelledArticle } from './entities-lib.ts';

/**
 * The CI slice of `pnpm eval:entities`: the seed table must be complete, and precision and recall on
 * each split of the labelled sample must stay above floors a few points below what was measured
 * (EVALUATION.md).
 */
const FLOORS = {
  dev: { precision: 0.85, recall: 0.58, placePrecision: 0.86, placeRecall: 0.7 },
  test: { precision: 0.72, recall: 0.42, placePrecision: 0.72, placeRecall: 0.52 },
  test2: { precision: 0.66, recall: 0.39, placePrecision: 0.62, placeRecall: 0.5 },
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

  it.each(['dev', 'test', 'test2'] as const)('keeps precision and recall on the %s split above their floors', (split) => {
    const floors = FLOORS[split];
    const result = evaluate(extractor, articles.filter((a) => a.split === split));
    expect(result.overall.labelled).toBeGreaterThan(split === 'dev' ? 300 : 80);
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
