/**
 * The article-extraction benchmark's metric (scrapinghub/article-extraction-benchmark `evaluate.py`),
 * re-implemented: `\w+` tokens, multisets of 4-token shingles, per-page TP/FP/FN normalised to sum to 1,
 * precision and recall averaged over pages, F1 from the two means.
 */

/** Python's `re.findall(r'\w+')` with Unicode: runs of letters, digits and `_`. Case-sensitive. */
const TOKEN = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string | null | undefined): string[] {
  return text?.match(TOKEN) ?? [];
}

/** Multiset of n-token shingles; a text shorter than n tokens is one shingle, an empty one none. */
export function shingles(text: string | null | undefined, n = 4): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let index = 0; index < last; index++) {
    const shingle = tokens.slice(index, index + n);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface PageScore {
  /** TP, FP, FN as shares of their sum (all 0 when both texts are empty). */
  tp: number;
  fp: number;
  fn: number;
  /** The token sequences are identical. */
  exact: boolean;
}

export function scorePage(truth: string, predicted: string | null | undefined, n = 4): PageScore {
  const expected = shingles(truth, n);
  const actual = shingles(predicted, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, count] of expected) {
    const got = actual.get(key) ?? 0;
    tp += Math.min(count, got);
    fn += Math.max(0, count - got);
  }
  for (const [key, count] of actual) fp += Math.max(0, count - (expected.get(key) ?? 0));
  const sum = tp + fp + fn;
  const exactTokens = tokenize(truth).join('\u0001') === tokenize(predicted).join('\u0001');
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum, exact: exactTokens } : { tp, fp, fn, exact: exactTokens };
}

export interface Score {
  f1: number;
  precision: number;
  recall: number;
  accuracy: number;
  pages: number;
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function aggregate(pages: readonly PageScore[]): Score {
  const precision = mean(pages.filter((page) => page.tp + page.fp > 0).map((page) => page.tp / (page.tp + page.fp)));
  const recall = mean(pages.filter((page) => page.tp + page.fn > 0).map((page) => page.tp / (page.tp + page.fn)));
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const accuracy = mean(pages.map((page) => (page.exact ? 1 : 0)));
  return { f1, precision, recall, accuracy, pages: pages.length };
}

/**
 * Score predictions (id → text) against the ground truth (id → text). A page with no prediction
 * counts as an empty one: it lowers recall and drops out of precision, as upstream.
 */
export function scoreAll(truth: ReadonlyMap<string, string>, predicted: ReadonlyMap<string, string>): Score & { perPage: Map<string, PageScore> } {
  const perPage = new Map<string, PageScore>();
  for (const [id, text] of truth) perPage.set(id, scorePage(text, predicted.get(id) ?? ''));
  return { ...aggregate([...perPage.values()]), perPage };
}

/** Bootstrap standard deviation of F1 (resampling pages), with a seeded generator for repeatable figures. */
export function bootstrapF1Std(pages: readonly PageScore[], resamples = 1000, seed = 42): number {
  let state = seed >>> 0;
  const random = (): number => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const f1s: number[] = [];
  for (let round = 0; round < resamples; round++) {
    const sample: PageScore[] = [];
    for (let index = 0; index < pages.length; index++) {
      const page = pages[Math.floor(random() * pages.length)];
      if (page !== undefined) sample.push(page);
    }
    f1s.push(aggregate(sample).f1);
  }
  const average = mean(f1s);
  return Math.sqrt(mean(f1s.map((value) => (value - average) ** 2)));
}
