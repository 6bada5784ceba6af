import { describe, expect, it } from 'vitest';
import { createDocumentFrequencies } from './term-stats.ts';

describe('document frequencies without a prior', () => {
  it('smooths with m empty pseudo-documents: idf = ln((N + m + 1) / (df + 1))', () => {
    const df = createDocumentFrequencies({ priorDocuments: 20 });
    for (let i = 0; i < 4; i++) df.observe(['e:putin', i === 0 ? 'e:csto' : 'e:other']);
    expect(df.idf('e:putin')).toBeCloseTo(Math.log(25 / 5), 10);
    expect(df.idf('e:csto')).toBeCloseTo(Math.log(25 / 2), 10);
    expect(df.idf('e:unseen')).toBeCloseTo(Math.log(25), 10);
  });

  it('keeps a word that four documents share well above zero, so a tiny corpus does not crush it', () => {
    const df = createDocumentFrequencies();
    for (let i = 0; i < 4; i++) df.observe(['s:pl:putin']);
    expect(df.idf('s:pl:putin')).toBeGreaterThan(1.5);
    expect(df.idf('s:pl:putin') / df.idf('s:pl:unseen')).toBeGreaterThan(0.45);
  });
});

describe('document frequencies blended with a prior', () => {
  const prior = (key: string) => ({ 't:say': 0.5, 't:treaty': 0.001 })[key];

  it('ranks a common English word below a rare one before any document is seen', () => {
    const df = createDocumentFrequencies({ priorDocuments: 100, prior });
    expect(df.idf('t:say')).toBeCloseTo(Math.log(101 / 51), 10);
    expect(df.idf('t:treaty')).toBeCloseTo(Math.log(101 / 1.1), 10);
    expect(df.idf('t:say')).toBeLessThan(df.idf('t:treaty') / 3);
  });

  it('lets observed counts outweigh the prior as the number of documents grows', () => {
    const df = createDocumentFrequencies({ priorDocuments: 100, prior });
    // The stream never contains "say": after 10,000 documents it is nearly as rare as an unseen key.
    for (let i = 0; i < 10_000; i++) df.observe(['t:treaty']);
    const unseen = Math.log(10_101);
    expect(df.idf('t:say')).toBeCloseTo(Math.log(10_101 / 51), 10);
    expect(df.idf('t:say') / unseen).toBeGreaterThan(0.55);
    // And "treaty", in every document, ends near 0 whatever its prior said.
    expect(df.idf('t:treaty')).toBeLessThan(0.01);
  });

  it('treats keys without a prior rate, and rates outside 0…1, as the plain smoothing does', () => {
    const withPrior = createDocumentFrequencies({ priorDocuments: 20, prior: (key) => (key === 'x:big' ? 7 : key === 'x:nan' ? Number.NaN : undefined) });
    const plain = createDocumentFrequencies({ priorDocuments: 20 });
    expect(withPrior.idf('e:q1')).toBe(plain.idf('e:q1'));
    expect(withPrior.idf('x:nan')).toBe(plain.idf('x:nan'));
    expect(withPrior.idf('x:big')).toBeCloseTo(Math.log(21 / 21), 10);
  });

  it('saves only the observed counts, not the prior', () => {
    const df = createDocumentFrequencies({ prior });
    df.observe(['t:treaty']);
    expect(df.toJSON()).toEqual({ documents: 1, df: { 't:treaty': 1 } });
  });
});
