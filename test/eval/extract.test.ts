import { describe, expect, it } from 'vitest';
import { loadPages } from './extract-data.ts';
import { runBackend } from './extract.ts';

/** A fixed slice of the benchmark: every 18th page by id, so the slice spans many sites. */
const slice = loadPages().filter((_, index) => index % 18 === 0);

describe('clean() on a fixed slice of the extraction benchmark', () => {
  it('uses eleven pages spread over the benchmark', () => {
    expect(slice).toHaveLength(11);
  });

  for (const backend of ['linkedom', 'jsdom'] as const) {
    it(`extracts every page with ${backend} at F1 ≥ 0.90`, async () => {
      const run = await runBackend(backend, slice, { passes: 1 });
      expect(run.failures).toEqual([]);
      expect(run.f1).toBeGreaterThanOrEqual(0.9);
      expect(run.precision).toBeGreaterThanOrEqual(0.85);
      expect(run.recall).toBeGreaterThanOrEqual(0.9);
    });
  }
});
