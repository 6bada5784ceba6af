import { createEntityExtractor, type EntityExtractor } from '@newsflow/entities/extractor';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkSeeds, evaluate, loadLabelledArticles, type LabelledArticle } from './entities-lib.ts';

/**
 * The CI slice of `pnpm eval:entities`: the seed table must be complete, and precision and recall on
 * the labelled sample must stay above floors a few points below what was measured (EVALUATION.md).
 */
const FLOORS = {
  precision: 0.85,
  recall: 0.47,
  placePrecision: 0.85,
  placeRecall: 0.7,
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

  it('keeps precision and recall on the labelled sample above their floors', () => {
    const result = evaluate(extractor, articles);
    expect(result.overall.labelled).toBeGreaterThan(300);
    expect(result.overall.precision).toBeGreaterThanOrEqual(FLOORS.precision);
    expect(result.overall.recall).toBeGreaterThanOrEqual(FLOORS.recall);
    expect(result.byKind.place?.precision ?? 0).toBeGreaterThanOrEqual(FLOORS.placePrecision);
    expect(result.byKind.place?.recall ?? 0).toBeGreaterThanOrEqual(FLOORS.placeRecall);
  });

  it('scores an extractor that finds nothing at zero recall, so the floors can fail', () => {
    const result = evaluate({ extract: () => [], stats: extractor.stats }, articles);
    expect(result.overall.recall).toBe(0);
    expect(result.overall.recall).toBeLessThan(FLOORS.recall);
  });
});
