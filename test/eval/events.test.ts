/**
 * A slice of the pair-similarity evaluation that CI runs: 40 SemEval-2022 pairs (the first 20
 * Turkish, 10 Arabic, 10 French) through the real stages, and the labelled seeds. Floors sit below
 * what the full run measures (EVALUATION.md) and above what a broken signal gives.
 */
import { describe, expect, it } from 'vitest';
import { bestThreshold, evaluateEvents, fitCalibration, fitOnLanguages, leaveOneLanguageOut, loadPairs, pearson, plateauThreshold, prfAt, rocAuc } from './events.ts';

describe('pair similarity metrics', () => {
  it('computes Pearson, ROC-AUC and P/R/F1 as defined', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1);
    expect(rocAuc([0.9, 0.8, 0.3, 0.1], [true, true, false, false])).toBe(1);
    expect(rocAuc([0.1, 0.8, 0.3, 0.9], [true, false, true, false])).toBe(0);
    expect(rocAuc([0.5, 0.5], [true, false])).toBe(0.5);
    expect(prfAt([0.9, 0.6, 0.4], [true, false, true], 0.5)).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(bestThreshold([0.9, 0.6, 0.4], [true, false, false]).threshold).toBe(0.9);
  });

  it('puts the plateau threshold inside a wide gap between negatives and positives', () => {
    const t = plateauThreshold([0.1, 0.2, 0.3, 0.7, 0.8, 0.9], [false, false, false, true, true, true]);
    expect(t).toBeGreaterThan(0.3);
    expect(t).toBeLessThanOrEqual(0.7);
  });

  it('fits a calibration curve that correlates at least as well as the raw mix', () => {
    // Gold saturates at both ends (1 and 4), the mix does not: a logistic curve fits better than a line.
    const mixes = [0.02, 0.05, 0.1, 0.15, 0.25, 0.35, 0.45, 0.6, 0.8, 0.95];
    const overall = [4, 4, 4, 3.8, 3, 2.2, 1.4, 1, 1, 1];
    const pairs = mixes.map((mix, i) => ({ overall: overall[i]!, signals: { mix } }));
    const fit = fitCalibration(pairs);
    expect(fit.pearson).toBeGreaterThan(pearson(mixes, overall.map((o) => -o)) + 0.01);
    expect(fit.centre).toBeGreaterThan(0.15);
    expect(fit.centre).toBeLessThan(0.5);
  });
});

describe('fitting on some languages and holding one out', () => {
  // Two TF exponents: under the first the mix follows the gold in language a only, under the second in b only.
  const overall = [4, 3, 2, 1];
  const pairs = [...overall.map((o) => ({ lang: 'a', overall: o })), ...overall.map((o) => ({ lang: 'b', overall: o }))];
  const good = overall.map((o) => (4 - o) / 4 + 0.05);
  const bad = [0.5, 0.1, 0.6, 0.2];
  const mixes = [
    [...good, ...bad],
    [...bad, ...good],
  ];

  it('chooses the exponent that suits the fitting languages and scores every language with it', () => {
    const fit = fitOnLanguages(pairs, [0.6, 1], mixes, ['a']);
    expect(fit.tfPower).toBe(0.6);
    expect(fit.pearson['a']).toBeGreaterThan(0.95);
    expect(fit.pearson['b']).toBeLessThan(0.5);
  });

  it('scores each language with the fit on the others', () => {
    const held = leaveOneLanguageOut(pairs, [0.6, 1], mixes);
    expect(held.map((h) => [h.heldOut, h.fit.fittedOn, h.fit.tfPower])).toEqual([
      ['a', ['b'], 1],
      ['b', ['a'], 0.6],
    ]);
  });
});

describe('pair similarity on a SemEval-2022 slice', () => {
  it('correlates with the gold scores, separates same-story pairs and ranks the seeds\u2019 same event first', async () => {
    const all = loadPairs();
    const pairs = [
      ...all.filter((p) => p.lang === 'tr').slice(0, 20),
      ...all.filter((p) => p.lang === 'ar').slice(0, 10),
      ...all.filter((p) => p.lang === 'fr').slice(0, 10),
    ];
    const result = await evaluateEvents({ pairs, command: true });
    expect(result.pooled.pairs).toBe(40);
    expect(result.pooled.pearson).toBeGreaterThan(0.6);
    expect(result.pooled.auc).toBeGreaterThan(0.8);
    // What the worker compares (32 stored terms a side) correlates too.
    expect(result.storedPearson['all']).toBeGreaterThan(0.55);
    // The held-out protocol ran: each language scored by a fit on the other two.
    expect(result.heldOut.map((h) => h.heldOut)).toEqual(['ar', 'fr', 'tr']);
    expect(result.fitAll?.fittedOn).toEqual(expect.arrayContaining(['ar', 'fr', 'tr']));
    // The cross-language proxy ran: the same pairs through the cross-language path still correlate, and its
    // fitted curve is at least as good as the current one (which lies on the fitting grid; scores are rounded to 4 decimals).
    const proxy = result.crossLanguage!;
    expect(proxy.pearson['all']).toBeGreaterThan(0.4);
    expect(proxy.pearson['all']).toBeLessThan(result.pooled.pearson);
    expect(proxy.fit.pearson['all']).toBeGreaterThanOrEqual(proxy.pearson['all']! - 1e-3);
    expect(proxy.heldOut.map((h) => h.heldOut)).toEqual(['ar', 'fr', 'tr']);
    // The same pairs through `newsflow similarity --pairs` score as the library path does (the command counts an
    // article once per pair it is in, so document frequencies may differ a little).
    const command = result.command!;
    expect(command.failures).toBe(0);
    expect(command.maxDifference).toBeLessThan(0.05);
    expect(command.pearson['all']).toBeGreaterThan(0.6);
    for (const s of result.pairs) {
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(1);
    }

    // Seeds: 001 and 003 report one event (en, pl) and score above 000 (it; same storyline, other event).
    const seed = (a: string, b: string) => result.seeds.find((s) => s.a === a && s.b === b)!.score;
    expect(seed('001', '003')).toBeGreaterThan(seed('000', '001'));
    expect(seed('001', '003')).toBeGreaterThan(seed('000', '003'));
    expect(result.seeds.find((s) => s.a === '001' && s.b === '003')!.sharedEntities).toEqual(
      expect.arrayContaining(['Vladimir Putin', 'Alexander Lukashenko']),
    );

    // Cold start (a fresh similarity that has seen only the four seeds, as a new worker does):
    // 001–003 still clears the production threshold and beats every pair of different events.
    const cold = result.coldStart.find((s) => s.a === '001' && s.b === '003')!;
    expect(result.coldStart).toHaveLength(6);
    expect(cold.score).toBeGreaterThanOrEqual(result.productionThreshold);
    for (const other of result.coldStart.filter((s) => s !== cold)) expect(cold.score, `${other.a}–${other.b}`).toBeGreaterThan(other.score);
    // Two analysers (the library path's and the command's) load on a machine CI keeps busy.
  }, 240_000);
});
