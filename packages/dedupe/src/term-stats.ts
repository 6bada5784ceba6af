/**
 * Document frequencies for IDF weighting, kept online: every article the similarity sees is
 * counted once, so rarity follows the stream ("Belarus" in a week of Belarus stories weighs less
 * than "CSTO"). It starts from an optional background snapshot (`toJSON()` of an earlier run) and can
 * be saved again; keys are namespaced by the caller (`t:` pivot term, `s:` native stem, `e:` entity,
 * `n:` number). Memory is bounded: past `maxKeys`, keys seen in a single document are dropped.
 *
 * Cold start. Before the stream is large, counts alone say little (after four articles on one story
 * every word they share looks common). So the counts are blended with a prior, as pseudo-counts:
 * `m` imaginary documents (`priorDocuments`) in which a key occurs at its prior document rate `p`
 * (`prior(key)`, e.g. English word frequencies, see `idf-prior.ts`; 0 for a key without a prior):
 *
 *   df̂ = df + m·p        N̂ = N + m        idf = ln((N̂ + 1) / (df̂ + 1))
 *
 * which is the IDF of the posterior mean rate (df + m·p) / (N + m) of a Beta(m·p, m·(1 − p)) prior.
 * The observed counts outweigh the prior once N ≫ m; before that the prior ranks the words. For a key
 * without a prior this is the old smoothing `ln((N + m + 1) / (df + 1))`: every key starts high and
 * equal, and a handful of documents cannot push a word seen in all of them towards 0 (N = 4, df = 4,
 * m = 20: idf 1.6, not 0.2).
 */
import type { DocumentRatePrior } from './idf-prior.ts';

export interface DocumentFrequencySnapshot {
  documents: number;
  df: Record<string, number>;
}

export interface DocumentFrequencies {
  /** How many documents have been counted. */
  readonly documents: number;
  /** In how many documents a key occurred. */
  df(key: string): number;
  /**
   * Smoothed inverse document frequency, high for keys in few documents, towards 0 for keys in all:
   * `ln((N + m + 1) / (df + m·p + 1))` (see the top of this file).
   */
  idf(key: string): number;
  /** Counts one document's distinct keys. */
  observe(keys: Iterable<string>): void;
  toJSON(): DocumentFrequencySnapshot;
}

export interface DocumentFrequencyOptions {
  /** A background model to start from. */
  background?: DocumentFrequencySnapshot;
  /** Prune rare keys beyond this many. Default 400,000. */
  maxKeys?: number;
  /**
   * m: pseudo-documents assumed before any is seen, in which a key occurs at its prior rate (a key
   * without a prior: in none of them). Keeps the IDF sensible while the stream is young. Default 20.
   */
  priorDocuments?: number;
  /** The prior document rate of a key (0…1), `undefined` for none; default none (all keys rate 0). */
  prior?: DocumentRatePrior;
}

/**
 * m·p of a key (see the top of this file), cached: the prior is a pure function of the key. Shared
 * by the in-process model and the Redis-shared one (shared-frequencies.ts), so both weigh alike.
 */
export function createPseudoCounts(options: Pick<DocumentFrequencyOptions, 'priorDocuments' | 'prior' | 'maxKeys'>): {
  m: number;
  pseudoCount(key: string): number;
} {
  const m = Math.max(0, options.priorDocuments ?? 20);
  const maxKeys = options.maxKeys ?? 400_000;
  const priorRate = options.prior;
  const pseudo = new Map<string, number>();
  return {
    m,
    pseudoCount(key) {
      if (!priorRate || m === 0) return 0;
      let x = pseudo.get(key);
      if (x === undefined) {
        const p = priorRate(key);
        x = p === undefined || !Number.isFinite(p) ? 0 : m * Math.min(1, Math.max(0, p));
        if (pseudo.size >= maxKeys) pseudo.clear();
        pseudo.set(key, x);
      }
      return x;
    },
  };
}

/** idf = ln((N + m + 1) / (df + m·p + 1)). */
export function smoothedIdf(documents: number, df: number, m: number, pseudoCount: number): number {
  return Math.log((documents + m + 1) / (df + pseudoCount + 1));
}

export function createDocumentFrequencies(options: DocumentFrequencyOptions = {}): DocumentFrequencies {
  const counts = new Map<string, number>(Object.entries(options.background?.df ?? {}));
  let documents = options.background?.documents ?? 0;
  const maxKeys = options.maxKeys ?? 400_000;
  const { m, pseudoCount } = createPseudoCounts(options);

  const prune = (): void => {
    for (const [key, n] of counts) if (n <= 1) counts.delete(key);
  };

  return {
    get documents() {
      return documents;
    },
    df: (key) => counts.get(key) ?? 0,
    idf: (key) => smoothedIdf(documents, counts.get(key) ?? 0, m, pseudoCount(key)),
    observe(keys) {
      documents++;
      for (const key of new Set(keys)) counts.set(key, (counts.get(key) ?? 0) + 1);
      if (counts.size > maxKeys) prune();
    },
    toJSON: () => ({ documents, df: Object.fromEntries(counts) }),
  };
}
