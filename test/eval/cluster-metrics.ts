/**
 * Clustering metrics for the dedupe stage, over item → cluster labels (gold and predicted).
 *
 * - Pairwise precision/recall/F1: over all pairs of items, "same cluster" predicted vs gold
 *   (what Miranda et al. 2018 report as F1/P/R for monolingual clustering; their eval_lib.py
 *   counts tp/fp/fn from the co-occurrence matrix as here).
 * - BCubed precision/recall/F1 (Bagga & Baldwin 1998; Amigó et al. 2009): per item, the share of
 *   its predicted cluster that is in its gold cluster (precision) and of its gold cluster that is
 *   in its predicted cluster (recall), averaged over items. Less dominated by big clusters.
 * - Cross-lingual unit F1 (Miranda et al. 2018, cross-lingual setting): a *unit* is the part of a
 *   gold cluster in one language; each unit is placed in the predicted cluster that holds most of
 *   its items, and pairwise P/R/F1 is computed over units. It asks whether the per-language parts
 *   of one story were linked across languages, not how each language was clustered.
 *
 * All counts come from the contingency table, so the cost is linear in the number of items.
 */

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
}

export interface PairwiseScore extends PRF {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

function f1(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

/** Items in both maps only; labels compared as strings. */
function contingency(gold: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>) {
  const cells = new Map<string, number>();
  const goldSizes = new Map<string, number>();
  const predSizes = new Map<string, number>();
  for (const [item, g] of gold) {
    const p = predicted.get(item);
    if (p === undefined) continue;
    const key = JSON.stringify([g, p]);
    cells.set(key, (cells.get(key) ?? 0) + 1);
    goldSizes.set(g, (goldSizes.get(g) ?? 0) + 1);
    predSizes.set(p, (predSizes.get(p) ?? 0) + 1);
  }
  return { cells, goldSizes, predSizes };
}

export function pairwise(gold: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): PairwiseScore {
  const { cells, goldSizes, predSizes } = contingency(gold, predicted);
  let tp = 0;
  for (const n of cells.values()) tp += pairs(n);
  let predictedPairs = 0;
  for (const n of predSizes.values()) predictedPairs += pairs(n);
  let goldPairs = 0;
  for (const n of goldSizes.values()) goldPairs += pairs(n);
  // No pair at all on a side (all singletons): that side is perfect by convention.
  const precision = predictedPairs > 0 ? tp / predictedPairs : 1;
  const recall = goldPairs > 0 ? tp / goldPairs : 1;
  return { precision, recall, f1: f1(precision, recall), truePositives: tp, falsePositives: predictedPairs - tp, falseNegatives: goldPairs - tp };
}

export function bcubed(gold: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): PRF {
  const { cells, goldSizes, predSizes } = contingency(gold, predicted);
  let precisionSum = 0;
  let recallSum = 0;
  let items = 0;
  for (const [key, n] of cells) {
    const [g, p] = JSON.parse(key) as [string, string];
    precisionSum += (n * n) / predSizes.get(p)!;
    recallSum += (n * n) / goldSizes.get(g)!;
    items += n;
  }
  const precision = items ? precisionSum / items : 0;
  const recall = items ? recallSum / items : 0;
  return { precision, recall, f1: f1(precision, recall) };
}

/**
 * Miranda et al.'s cross-lingual score: units are (gold cluster, language); a unit's predicted
 * label is the predicted cluster holding most of its items (ties: the smallest label); pairwise
 * P/R/F1 over units.
 */
export function crossLingualUnitF1(
  gold: ReadonlyMap<string, string>,
  predicted: ReadonlyMap<string, string>,
  languageOf: ReadonlyMap<string, string>,
): PairwiseScore & { units: number } {
  const votes = new Map<string, Map<string, number>>();
  const unitGold = new Map<string, string>();
  for (const [item, g] of gold) {
    const p = predicted.get(item);
    const language = languageOf.get(item);
    if (p === undefined || language === undefined) continue;
    const unit = JSON.stringify([g, language]);
    unitGold.set(unit, g);
    const v = votes.get(unit) ?? new Map<string, number>();
    v.set(p, (v.get(p) ?? 0) + 1);
    votes.set(unit, v);
  }
  const unitPred = new Map<string, string>();
  for (const [unit, v] of votes) {
    const [best] = [...v.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    unitPred.set(unit, best![0]);
  }
  return { ...pairwise(unitGold, unitPred), units: unitGold.size };
}
